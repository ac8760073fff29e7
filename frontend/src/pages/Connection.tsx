// A connection: who is talking about which listing, how far they got, the
// steps the server allows this person now (its `can`), and the messages
// between the two organisations, refreshed every 20 seconds while open.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api';
import { ApiError } from '../api/client';
import type { Connection, ConnectionAction, ConnectionState, Message } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { ConfirmDialog, FormDialog } from '../components/ConfirmDialog';
import { ConnectionStateBadge, StaleBadge } from '../components/ConnectionBadges';
import { FormAlert, SelectField, TextAreaField } from '../components/Fields';
import { KindBadge } from '../components/ListingBadges';
import { ErrorState, Loading, Notice } from '../components/Status';
import { Timeline } from '../components/Timeline';
import { formatDateTime } from '../lib/format';
import {
  allowedActions,
  DECLINE_COMMENT_MAX,
  isClosed,
  MESSAGE_MAX,
  MESSAGES_POLL_MS,
  OPEN_STATES,
} from '../lib/matching';
import { fieldMessage, problemMessage } from '../lib/messages';
import { termLabel, useLabels, useTaxonomy, useTermLabels } from '../lib/taxonomy';
import { useAsync } from '../lib/useAsync';
import { useForm } from '../lib/useForm';
import { useTitle } from '../lib/useTitle';
import { checkText, type FieldErrors } from '../lib/validation';
import { sides } from './Connections';

type Tone = 'success' | 'error' | 'info';

/** Runs `fn` every `ms` while the page is visible. */
export function usePolling(fn: () => void, ms: number, enabled = true) {
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(() => {
    if (!enabled) return;
    const h = setInterval(() => {
      if (typeof document === 'undefined' || !document.hidden) ref.current();
    }, ms);
    return () => clearInterval(h);
  }, [ms, enabled]);
}

export default function ConnectionPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const location = useLocation();
  const navigate = useNavigate();
  const { me } = useAuth();
  const { data: c, error, loading, reload, setData } = useAsync(() => endpoints.connection(id), [id]);
  const { taxonomy } = useTaxonomy();
  const labels = useLabels(taxonomy, lang);
  const [notice, setNotice] = useState<{ text: string; tone: Tone } | null>(
    (location.state as { notice?: string } | null)?.notice ? { text: (location.state as { notice: string }).notice, tone: 'success' } : null,
  );
  const noticeRef = useRef<HTMLDivElement>(null);
  useTitle(c ? t('connection.titleOf', { title: c.listing.title }) : t('connection.title'));

  useEffect(() => {
    if ((location.state as { notice?: string } | null)?.notice) navigate(location.pathname, { replace: true, state: null });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // The other side may accept, decline or write meanwhile.
  usePolling(() => void endpoints.connection(id).then(setData, () => undefined), MESSAGES_POLL_MS, !!c && !isClosed(c.state));

  function changed(updated: Connection | null, text: string, tone: Tone = 'success') {
    if (updated) setData(updated);
    setNotice({ text, tone });
    requestAnimationFrame(() => noticeRef.current?.focus());
  }

  if (!c) {
    return (
      <section className="page">
        <h1>{t('connection.title')}</h1>
        {loading ? <Loading /> : <ErrorState message={problemMessage(t, error)} onRetry={reload} />}
      </section>
    );
  }

  const { mine } = sides(c, me);
  const listingPath = `/listings/${encodeURIComponent(c.listing.id)}`;
  return (
    <article className="page connection-page" data-state={c.state}>
      <p className="listing-kicker">
        <ConnectionStateBadge state={c.state} />
        {c.stale && <StaleBadge />}
      </p>
      <h1>{t('connection.titleOf', { title: c.listing.title })}</h1>
      <div ref={noticeRef} tabIndex={-1} className="notice-anchor">
        <Notice message={notice?.text} tone={notice?.tone} />
      </div>

      <div className="listing-layout">
        <div className="listing-main">
          <section className="listing-section interest-content" aria-labelledby="conn-interest-title">
            <h2 id="conn-interest-title">
              {t('connection.interest')}
            </h2>
            <dl className="listing-facts">
              <div>
                <dt>{t('connection.seeks')}</dt>
                <dd className="prose">{c.seeks}</dd>
              </div>
              {c.brings && (
                <div>
                  <dt>{t('connection.brings')}</dt>
                  <dd className="prose">{c.brings}</dd>
                </div>
              )}
            </dl>
          </section>
          <Decision connection={c} labels={labels} mine={mine} />
          <Actions connection={c} onChanged={changed} onReload={reload} />
          <Thread connection={c} onPosted={() => void reload()} />
        </div>

        <aside className="listing-side">
          <section className="side-card" aria-labelledby="conn-listing-title">
            <h2 id="conn-listing-title" className="h3">
              {t('connection.listing')}
            </h2>
            <p>
              <KindBadge kind={c.listing.kind} />
            </p>
            <p>
              <Link to={listingPath} className="strong">
                {c.listing.title}
              </Link>
            </p>
            {c.sectors.length > 0 && (
              <ul className="tags" aria-label={t('listing.sectors')}>
                {c.sectors.map((s) => (
                  <li key={s}>{labels.sector(s)}</li>
                ))}
              </ul>
            )}
          </section>
          <section className="side-card" aria-labelledby="conn-parties-title">
            <h2 id="conn-parties-title" className="h3">
              {t('connection.parties')}
            </h2>
            <dl className="listing-facts">
              <div>
                <dt>{t('connection.owner')}</dt>
                <dd>
                  {c.owner.name}
                  {mine === 'owner' && <span className="muted"> · {t('connection.you')}</span>}
                </dd>
              </div>
              <div>
                <dt>{t('connection.party')}</dt>
                <dd>
                  {c.party.name}
                  {mine === 'party' && <span className="muted"> · {t('connection.you')}</span>}
                </dd>
              </div>
              {c.broker && (
                <div>
                  <dt>{t('connection.broker')}</dt>
                  <dd>{c.broker.name}</dd>
                </div>
              )}
            </dl>
          </section>
          <ConnectionTimeline connection={c} />
        </aside>
      </div>
    </article>
  );
}

/** Why a connection ended: the reason and comments, for both sides. */
function Decision({ connection: c, labels, mine }: { connection: Connection; labels: ReturnType<typeof useLabels>; mine: string | null }) {
  const { t } = useTranslation();
  if (c.state === 'declined') {
    return (
      <section className="owner-panel state-rejected decision" aria-labelledby="decision-title">
        <h2 id="decision-title" className="h3">
          {mine === 'party' ? t('connection.declinedTitleParty', { org: c.owner.name }) : t('connection.declinedTitle')}
        </h2>
        {c.declineReason && (
          <p>
            <span className="strong">{t('connection.declineReason')}</span> {labels.declineReason(c.declineReason)}
          </p>
        )}
        {c.declineComment && <blockquote className="reason prose">{c.declineComment}</blockquote>}
      </section>
    );
  }
  if (c.state === 'closed_no_deal') {
    return (
      <section className="owner-panel state-archived decision" aria-labelledby="decision-title">
        <h2 id="decision-title" className="h3">
          {t('connection.closedTitle')}
        </h2>
        {c.closeComment ? <blockquote className="reason prose">{c.closeComment}</blockquote> : <p>{t('connection.closedText')}</p>}
      </section>
    );
  }
  return null;
}

/**
 * The stages so far with their dates (from the record's history when the
 * server sends it), then the ones still ahead while the connection is open.
 */
export interface TimelineStep {
  state: ConnectionState;
  at?: string;
  status: 'done' | 'current' | 'todo';
}

export function timelineSteps(c: Connection): TimelineStep[] {
  const past =
    c.history && c.history.length > 0
      ? c.history.map((h) => ({ state: h.state, at: h.at }))
      : [{ state: 'requested' as ConnectionState, at: c.createdAt }, ...(c.state === 'requested' ? [] : [{ state: c.state, at: c.stateChangedAt }])];
  const steps: TimelineStep[] = past.map((p, i) => ({ ...p, status: i === past.length - 1 ? 'current' : 'done' }));
  if (!isClosed(c.state)) {
    const from = OPEN_STATES.indexOf(c.state);
    for (const s of OPEN_STATES.slice(from + 1)) steps.push({ state: s, status: 'todo' });
  }
  return steps;
}

function ConnectionTimeline({ connection: c }: { connection: Connection }) {
  const { t } = useTranslation();
  const labels = useTermLabels();
  return (
    <section className="side-card" aria-labelledby="conn-timeline-title">
      <h2 id="conn-timeline-title" className="h3">
        {t('connection.timeline')}
      </h2>
      <Timeline items={timelineSteps(c).map((s, i) => ({ key: `${s.state}-${i}`, label: labels.connectionState(s.state), at: s.at, status: s.status }))} />
      {c.transferId && (
        <p>
          <Link to={`/transfers/${encodeURIComponent(c.transferId)}`}>{t('connection.seeTransfer')}</Link>
        </p>
      )}
    </section>
  );
}

type Pending = ConnectionAction | null;

/** The buttons `can` allows; decline and close ask for their reasons. */
function Actions({
  connection: c,
  onChanged,
  onReload,
}: {
  connection: Connection;
  onChanged: (c: Connection | null, text: string, tone?: Tone) => void;
  onReload: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [pending, setPending] = useState<Pending>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const actions = allowedActions(c);
  const recordTransfer = c.can.recordTransfer && !c.transferId;
  if (actions.length === 0 && !recordTransfer && !c.transferId) return null;

  async function run(action: ConnectionAction) {
    setBusy(true);
    setError(null);
    try {
      const updated = await endpoints.connectionAction(c.id, action);
      setBusy(false);
      setPending(null);
      onChanged(updated, t(`connection.done.${action}`));
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.code === 'invalid_transition') {
        setPending(null);
        await onReload();
        onChanged(null, t('connection.changedMeanwhile'), 'error');
        return;
      }
      setError(problemMessage(t, err));
    }
  }

  return (
    <section className="owner-panel state-published connection-actions" aria-labelledby="conn-actions-title">
      <h2 id="conn-actions-title" className="h3">
        {c.can.accept ? t('connection.next.answer') : t(`connection.next.${c.state}`)}
      </h2>
      <p>
        {c.transferId
          ? t('connection.nextText.recorded')
          : c.can.accept
            ? t('connection.nextText.answer', { org: c.party.name })
            : t(`connection.nextText.${c.state}`)}
      </p>
      <div className="actions">
        {actions.map((a) => (
          <button
            key={a}
            type="button"
            className={a === 'decline' || a === 'close' ? 'btn btn-danger' : 'btn btn-primary'}
            onClick={() => {
              setError(null);
              setPending(a);
            }}
          >
            {a === 'close' && c.state === 'requested' ? t('connection.action.withdraw') : t(`connection.action.${a}`)}
          </button>
        ))}
        {recordTransfer && (
          <Link className="btn btn-primary" to={`/transfers/new?connection=${encodeURIComponent(c.id)}`}>
            {t('connection.recordTransfer')}
          </Link>
        )}
        {c.transferId && (
          <Link className="btn btn-secondary" to={`/transfers/${encodeURIComponent(c.transferId)}`}>
            {t('connection.seeTransfer')}
          </Link>
        )}
      </div>
      <ConfirmDialog
        open={pending === 'accept' || pending === 'negotiate' || pending === 'agree'}
        title={pending ? t(`connection.confirmTitle.${pending}`) : ''}
        confirmLabel={pending ? t(`connection.action.${pending}`) : ''}
        busy={busy}
        error={error}
        onConfirm={() => pending && void run(pending)}
        onClose={() => setPending(null)}
      >
        {pending && <p>{t(`connection.confirmText.${pending}`, { org: c.party.name, title: c.listing.title })}</p>}
      </ConfirmDialog>
      <DeclineDialog
        connection={c}
        open={pending === 'decline'}
        onClose={() => setPending(null)}
        onDone={(u) => {
          setPending(null);
          onChanged(u, t('connection.done.decline'));
        }}
      />
      <CloseDialog
        connection={c}
        open={pending === 'close'}
        onClose={() => setPending(null)}
        onDone={(u) => {
          setPending(null);
          onChanged(u, t('connection.done.close'));
        }}
      />
    </section>
  );
}

type DeclineField = 'reason' | 'comment';

export function validateDecline(v: Record<DeclineField, string>): FieldErrors<DeclineField> {
  const errs: FieldErrors<DeclineField> = {};
  if (!v.reason) errs.reason = { code: 'required' };
  if (v.reason === 'other') {
    const p = checkText(v.comment, { max: DECLINE_COMMENT_MAX });
    if (p) errs.comment = p;
  } else if (v.comment.trim().length > DECLINE_COMMENT_MAX) {
    errs.comment = { code: 'too_long', params: { max: DECLINE_COMMENT_MAX } };
  }
  return errs;
}

function DeclineDialog({
  connection: c,
  open,
  onClose,
  onDone,
}: {
  connection: Connection;
  open: boolean;
  onClose: () => void;
  onDone: (c: Connection) => void;
}) {
  const { t, i18n } = useTranslation();
  const { taxonomy } = useTaxonomy();
  const form = useForm<DeclineField>({
    initial: { reason: '', comment: '' },
    prefix: 'decline',
    order: ['reason', 'comment'],
    validate: validateDecline,
  });
  const close = () => {
    if (form.busy) return;
    form.reset();
    onClose();
  };
  const onSubmit = form.submit(async (v) => {
    const u = await endpoints.connectionAction(c.id, 'decline', { reason: v.reason, comment: v.comment.trim() || undefined });
    form.reset();
    onDone(u);
  });
  return (
    <FormDialog
      open={open}
      title={t('connection.confirmTitle.decline')}
      confirmLabel={t('connection.action.decline')}
      busy={form.busy}
      error={form.formError}
      onSubmit={onSubmit}
      onClose={close}
    >
      <p>{t('connection.confirmText.decline', { org: c.party.name })}</p>
      <SelectField {...form.bind('reason')} label={t('connection.declineReason')} required>
        <option value="">{t('connection.chooseReason')}</option>
        {(taxonomy?.declineReasons ?? []).map((r) => (
          <option key={r.code} value={r.code}>
            {termLabel(r, i18n.language)}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        {...form.bind('comment')}
        label={t('connection.declineComment')}
        hint={form.values.reason === 'other' ? t('connection.declineCommentRequired') : t('connection.declineCommentHint')}
        required={form.values.reason === 'other'}
        rows={4}
        maxLength={DECLINE_COMMENT_MAX}
      />
    </FormDialog>
  );
}

function CloseDialog({
  connection: c,
  open,
  onClose,
  onDone,
}: {
  connection: Connection;
  open: boolean;
  onClose: () => void;
  onDone: (c: Connection) => void;
}) {
  const { t } = useTranslation();
  // Before an answer, closing is the requester taking the interest back.
  const withdraw = c.state === 'requested';
  const form = useForm<'comment'>({
    initial: { comment: '' },
    prefix: 'close',
    order: ['comment'],
    validate: (v) => (v.comment.trim().length > DECLINE_COMMENT_MAX ? { comment: { code: 'too_long', params: { max: DECLINE_COMMENT_MAX } } } : {}),
  });
  const close = () => {
    if (form.busy) return;
    form.reset();
    onClose();
  };
  const onSubmit = form.submit(async (v) => {
    const u = await endpoints.connectionAction(c.id, 'close', v.comment.trim() ? { comment: v.comment.trim() } : undefined);
    form.reset();
    onDone(u);
  });
  return (
    <FormDialog
      open={open}
      title={withdraw ? t('connection.confirmTitle.withdraw') : t('connection.confirmTitle.close')}
      confirmLabel={withdraw ? t('connection.action.withdraw') : t('connection.action.close')}
      busy={form.busy}
      error={form.formError}
      onSubmit={onSubmit}
      onClose={close}
    >
      <p>{withdraw ? t('connection.confirmText.withdraw') : t('connection.confirmText.close')}</p>
      <TextAreaField {...form.bind('comment')} label={t('connection.closeComment')} hint={t('connection.closeCommentHint')} rows={4} maxLength={DECLINE_COMMENT_MAX} />
    </FormDialog>
  );
}

/** The messages, oldest first, and the composer under them. */
function Thread({ connection: c, onPosted }: { connection: Connection; onPosted: () => void }) {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const { data, error, loading, reload, setData } = useAsync(() => endpoints.messages(c.id), [c.id]);
  const [body, setBody] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const end = useRef<HTMLLIElement>(null);

  // Nothing new comes once the connection has ended.
  usePolling(() => void endpoints.messages(c.id).then(setData, () => undefined), MESSAGES_POLL_MS, !isClosed(c.state));

  async function send(e: FormEvent) {
    e.preventDefault();
    const p = checkText(body, { max: MESSAGE_MAX });
    if (p) {
      setFieldError(fieldMessage(t, p));
      document.getElementById('message-body')?.focus();
      return;
    }
    setBusy(true);
    setFieldError(undefined);
    setFormError(null);
    try {
      const m = await endpoints.postMessage(c.id, body.trim());
      setData([...(data ?? []).filter((x) => x.id !== m.id), m]);
      setBody('');
      requestAnimationFrame(() => end.current?.scrollIntoView?.({ block: 'nearest' }));
      // The first message after acceptance moves the connection to "negotiating".
      onPosted();
    } catch (err) {
      const fe = err instanceof ApiError ? err.errors.find((x) => x.field === 'body') : undefined;
      if (fe) setFieldError(fieldMessage(t, fe));
      else setFormError(problemMessage(t, err));
    } finally {
      setBusy(false);
    }
  }

  const messages: Message[] = data ?? [];
  return (
    <section className="listing-section thread" aria-labelledby="thread-title">
      <h2 id="thread-title">{t('thread.title')}</h2>
      {!data && loading && <Loading />}
      {!data && !loading && !!error && <ErrorState message={problemMessage(t, error)} onRetry={reload} />}
      {data && messages.length === 0 && <p className="muted">{t('thread.empty')}</p>}
      {messages.length > 0 && (
        <ol className="messages" aria-label={t('thread.title')}>
          {messages.map((m, i) => {
            const mine = m.author.id === me?.user.id;
            return (
              <li key={m.id} ref={i === messages.length - 1 ? end : undefined} className={mine ? 'message mine' : 'message'}>
                <p className="message-head small">
                  <span className="strong">{m.author.name}</span>
                  <span className="muted"> · {m.org ? m.org.name : t('thread.department')}</span>
                  <span className="muted"> · </span>
                  <time className="muted" dateTime={m.createdAt}>
                    {formatDateTime(m.createdAt, i18n.language)}
                  </time>
                </p>
                <p className="prose message-body">{m.body}</p>
              </li>
            );
          })}
        </ol>
      )}
      {c.can.message ? (
        <form className="form composer" onSubmit={send} noValidate aria-busy={busy}>
          <FormAlert message={formError} />
          <TextAreaField
            id="message-body"
            label={t('thread.compose')}
            rows={3}
            maxLength={MESSAGE_MAX}
            value={body}
            error={fieldError}
            onChange={(e) => {
              setBody(e.target.value);
              if (fieldError) setFieldError(undefined);
            }}
          />
          <p className="actions">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? t('common.working') : t('thread.send')}
            </button>
          </p>
        </form>
      ) : (
        <p className="muted small">{c.state === 'requested' ? t('thread.notYet') : t('thread.closed')}</p>
      )}
    </section>
  );
}
