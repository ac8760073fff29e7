// Check-in at the door, made for a phone held in one hand (360 px): the
// camera reads the badge's QR code through the browser's BarcodeDetector
// where there is one; the code printed under the QR can always be typed.
// Each badge checks in once; a second scan says when it first did.
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { TextField } from '../../components/Fields';
import { ErrorState, Loading } from '../../components/Status';
import { formatTime } from '../../lib/format';
import { problemMessage } from '../../lib/messages';
import { useAsync } from '../../lib/useAsync';
import { useTitle } from '../../lib/useTitle';
import { eventName } from './eventText';
import { meetingsApi, type CheckIn as CheckInResult } from './meetingsApi';

interface Detector {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}
type DetectorClass = new (opts: { formats: string[] }) => Detector;

/** The browser's BarcodeDetector, when it has one that reads QR codes. */
function barcodeDetector(): DetectorClass | null {
  const c = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  return c ?? null;
}

type Outcome = { kind: 'ok'; result: CheckInResult } | { kind: 'error'; message: string };

export default function CheckIn() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const summary = useAsync(() => meetingsApi.checkIns(id), [id]);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [scanning, setScanning] = useState(false);
  const [cameraError, setCameraError] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const codeInput = useRef<HTMLInputElement>(null);
  const Detector = barcodeDetector();
  useTitle(t('eventCheckIn.title'));

  const send = useCallback(
    async (value: string) => {
      const v = value.trim();
      if (!v) {
        setOutcome({ kind: 'error', message: t('eventCheckIn.enterCode') });
        codeInput.current?.focus();
        return;
      }
      setBusy(true);
      try {
        const result = await meetingsApi.checkIn(id, v);
        setOutcome({ kind: 'ok', result });
        setCode('');
        await summary.reload();
      } catch (err) {
        const field = err instanceof ApiError ? err.errors.find((e) => e.field === 'code') : undefined;
        setOutcome({ kind: 'error', message: field?.message ?? problemMessage(t, err) });
      } finally {
        setBusy(false);
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [id, t],
  );

  const stop = useCallback(() => {
    stream.current?.getTracks().forEach((tr) => tr.stop());
    stream.current = null;
    setScanning(false);
  }, []);

  useEffect(() => stop, [stop]);

  useEffect(() => {
    if (!scanning || !Detector) return;
    let live = true;
    const detector = new Detector({ formats: ['qr_code'] });
    const tick = async () => {
      if (!live || !video.current) return;
      try {
        const found = await detector.detect(video.current);
        if (found.length > 0 && live) {
          stop();
          await send(found[0].rawValue);
          return;
        }
      } catch {
        // A frame that is not ready yet: try the next one.
      }
      if (live) window.setTimeout(tick, 250);
    };
    void tick();
    return () => {
      live = false;
    };
  }, [scanning, Detector, send, stop]);

  async function startCamera() {
    setCameraError(null);
    setOutcome(null);
    try {
      const s = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      stream.current = s;
      setScanning(true);
      if (video.current) {
        video.current.srcObject = s;
        await video.current.play();
      }
    } catch {
      setCameraError(t('eventCheckIn.cameraDenied'));
      stop();
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    void send(code);
  }

  if (summary.error) return <ErrorState message={problemMessage(t, summary.error)} onRetry={summary.reload} />;
  if (!summary.data) return <Loading />;
  const s = summary.data;
  return (
    <section className="page checkin-page">
      <p className="muted small">{eventName(s.event, i18n.language)}</p>
      <h1>{t('eventCheckIn.title')}</h1>
      <p className="checkin-count" aria-live="polite">
        <span className="strong">{t('eventCheckIn.count', { checkedIn: s.checkedIn, approved: s.approved })}</span>
      </p>

      {outcome && (
        <div
          className={`checkin-result ${outcome.kind === 'error' ? 'is-error' : outcome.result.first ? 'is-ok' : 'is-again'}`}
          role="status"
          aria-live="assertive"
          data-outcome={outcome.kind === 'error' ? 'error' : outcome.result.first ? 'first' : 'again'}
        >
          {outcome.kind === 'error' ? (
            <p>{outcome.message}</p>
          ) : (
            <>
              <p className="strong">{outcome.result.first ? t('eventCheckIn.welcome') : t('eventCheckIn.already')}</p>
              <p className="checkin-org">{outcome.result.registration.org.name}</p>
              <p>
                {t(`eventMeetings.role.${outcome.result.registration.role}`, { defaultValue: outcome.result.registration.role })}
                {outcome.result.registration.booth ? ` · ${t('eventMeetings.booth', { booth: outcome.result.registration.booth })}` : ''}
              </p>
              <p className="small">{t('eventCheckIn.at', { time: formatTime(outcome.result.checkedInAt, i18n.language) })}</p>
            </>
          )}
        </div>
      )}

      {Detector ? (
        <div className="checkin-camera">
          <video ref={video} className={scanning ? 'checkin-video' : 'checkin-video is-off'} muted playsInline aria-label={t('eventCheckIn.cameraView')} />
          {scanning ? (
            <button type="button" className="btn btn-secondary btn-block" onClick={stop}>
              {t('eventCheckIn.stopCamera')}
            </button>
          ) : (
            <button type="button" className="btn btn-primary btn-block" onClick={startCamera}>
              {t('eventCheckIn.scan')}
            </button>
          )}
          {cameraError && <p className="alert alert-error">{cameraError}</p>}
        </div>
      ) : (
        <p className="muted">{t('eventCheckIn.noCamera')}</p>
      )}

      <form className="form checkin-form" onSubmit={submit} noValidate>
        <TextField
          id="checkin-code"
          inputRef={codeInput}
          label={t('eventCheckIn.code')}
          hint={t('eventCheckIn.codeHint')}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
        />
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? t('common.working') : t('eventCheckIn.submit')}
        </button>
      </form>

      {s.latest.length > 0 && (
        <section aria-labelledby="checkin-latest">
          <h2 id="checkin-latest">{t('eventCheckIn.latest')}</h2>
          <ul className="plain-list">
            {s.latest.map((c) => (
              <li key={c.registration.id}>
                <span className="strong">{c.registration.org.name}</span>{' '}
                <span className="muted small">{formatTime(c.checkedInAt, i18n.language)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <p>
        <Link to={`/events/${encodeURIComponent(id)}/meetings`}>{t('eventCheckIn.toMeetings')}</Link>
      </p>
    </section>
  );
}
