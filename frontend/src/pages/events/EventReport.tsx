// An event's results report for officers (item 6): booths by type,
// participants by kind of organisation, visitors checked in, meetings
// requested / accepted / held, MoUs and contracts signed on the spot and
// within six months with their value, by sector — as the server counts
// them — with the printable report and the workbook.
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { DataTable } from '../../components/DataTable';
import { ErrorState, Loading, Notice } from '../../components/Status';
import { formatDate, formatDateTime, formatNumber, formatVnd } from '../../lib/format';
import { problemMessage } from '../../lib/messages';
import { useTermLabels } from '../../lib/taxonomy';
import { useAsync } from '../../lib/useAsync';
import { useTitle } from '../../lib/useTitle';
import { showcaseApi, type EventReport as Report } from './showcaseApi';
import { openFile } from '../../lib/download';

type Format = 'html' | 'pdf' | 'xlsx';

/** A table's column headings, from eventReport.<table>.<column>. */
function head(t: TFunction, table: string, columns: string[]): string[] {
  return columns.map((c) => t(`eventReport.${table}.${c}`));
}

function download(eventId: string, format: Format, lang: string) {
  return openFile(() => showcaseApi.reportFile(eventId, format, lang), `bao-cao-ket-qua.${format}`, format === 'html');
}

export default function EventReport() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { data: r, error, loading, reload } = useAsync(() => showcaseApi.report(id), [id]);
  const [busy, setBusy] = useState<Format | null>(null);
  const [failed, setFailed] = useState<unknown>(null);
  const name = r ? (lang === 'en' && r.nameEn ? r.nameEn : r.name) : '';
  useTitle(r ? t('eventReport.pageTitle', { name }) : t('eventReport.title'));

  if (!r) {
    return (
      <section className="page">
        <h1>{t('eventReport.title')}</h1>
        {loading ? <Loading /> : <ErrorState message={problemMessage(t, error)} onRetry={reload} />}
      </section>
    );
  }
  const get = async (format: Format) => {
    setBusy(format);
    setFailed(null);
    try {
      await download(id, format, lang);
    } catch (err) {
      setFailed(err);
    } finally {
      setBusy(null);
    }
  };
  const n = (v: number) => formatNumber(v, lang);
  const days = r.endDate && r.endDate !== r.startDate ? `${formatDate(r.startDate, lang)} – ${formatDate(r.endDate, lang)}` : formatDate(r.startDate, lang);

  return (
    <section className="page event-report">
      <p className="eyebrow">{t('eventReport.title')}</p>
      <h1>{name}</h1>
      <p className="lead">
        {t(`eventReport.kinds.${r.kind}`)} · {days}
      </p>
      <p className="small muted">
        {t('eventReport.countedAt', { at: formatDateTime(r.countedAt, lang) })} ·{' '}
        <Link to={`/events/${encodeURIComponent(r.eventId)}/showcase`}>{t('eventReport.showcase')}</Link>
      </p>
      <div className="paper-links" role="group" aria-label={t('eventReport.download')}>
        <span className="strong small">{t('eventReport.download')}:</span>
        {(['html', 'pdf', 'xlsx'] as const).map((f) => (
          <button key={f} type="button" className="btn btn-small" disabled={busy !== null} onClick={() => void get(f)} data-format={f}>
            {t(`eventReport.formats.${f}`)}
          </button>
        ))}
      </div>
      {failed != null && <Notice tone="error" message={problemMessage(t, failed)} />}

      <ul className="report-tiles">
        <Tile label={t('eventReport.registered')} value={n(r.registered)} />
        <Tile label={t('eventReport.checkedIn')} value={n(r.checkedIn)} />
        <Tile label={t('eventReport.meetingsHeld')} value={`${n(r.meetings.held)} / ${n(r.meetings.requested)}`} />
        <Tile label={t('eventReport.deals')} value={n(r.deals.total.count)} detail={formatVnd(r.deals.total.valueVnd, lang)} />
      </ul>

      <Booths r={r} />
      <ByKind r={r} />
      <Meetings r={r} />
      <Deals r={r} />
      <Sectors r={r} />
      <p className="small muted">
        {t('eventReport.dealsUntil', { day: formatDate(r.dealsUntil, lang) })}
        {r.outside > 0 && <> {t('eventReport.outside', { count: r.outside })}</>}
      </p>
    </section>
  );
}

function Tile({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <li className="report-tile">
      <span className="report-tile-value">{value}</span>
      <span className="report-tile-label">{label}</span>
      {detail && <span className="small muted">{detail}</span>}
    </li>
  );
}

function Booths({ r }: { r: Report }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const n = (v: number) => formatNumber(v, lang);
  const h = head(t, 'boothHead', ['type', 'booths', 'assigned', 'free', 'waiting', 'fee']);
  return (
    <section className="report-section">
      <h2>{t('eventReport.booths')}</h2>
      {r.booths.length === 0 ? (
        <p className="empty">{t('eventReport.noBooths')}</p>
      ) : (
        <DataTable columns={h}>
          {r.booths.map((b) => (
            <tr key={b.code}>
              <th scope="row" data-label={h[0]}>
                {lang === 'en' && b.nameEn ? b.nameEn : b.name}
              </th>
              <td data-label={h[1]} className="num">
                {n(b.offered)}
              </td>
              <td data-label={h[2]} className="num">
                {n(b.assigned)}
              </td>
              <td data-label={h[3]} className="num">
                {n(b.freeUsed)}/{n(b.freeQuota)}
              </td>
              <td data-label={h[4]} className="num">
                {n(b.waitlisted)}
              </td>
              <td data-label={h[5]} className="num">
                {b.feeVnd > 0 ? formatVnd(b.feeVnd, lang) : t('eventReport.free')}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

function ByKind({ r }: { r: Report }) {
  const { t, i18n } = useTranslation();
  const n = (v: number) => formatNumber(v, i18n.language);
  const h = head(t, 'kindHead', ['kind', 'exhibitors', 'inventors', 'participants', 'checkedIn']);
  return (
    <section className="report-section">
      <h2>{t('eventReport.byKind')}</h2>
      {r.byKind.length === 0 ? (
        <p className="empty">{t('eventReport.noneYet')}</p>
      ) : (
        <DataTable columns={h}>
          {r.byKind.map((k) => (
            <tr key={k.orgKind}>
              <th scope="row" data-label={h[0]}>
                {t(`orgKind.${k.orgKind}`, { defaultValue: k.orgKind })}
              </th>
              {[k.exhibitors, k.inventors, k.participants, k.checkedIn].map((v, i) => (
                <td key={i} data-label={h[i + 1]} className="num">
                  {n(v)}
                </td>
              ))}
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

const MEETING_ROWS = ['requested', 'accepted', 'declined', 'cancelled', 'placed', 'held', 'noShow', 'interest'] as const;

function Meetings({ r }: { r: Report }) {
  const { t, i18n } = useTranslation();
  const h = head(t, 'meetingHead', ['figure', 'count']);
  return (
    <section className="report-section">
      <h2>{t('eventReport.meetings')}</h2>
      <DataTable columns={h} className="table report-narrow">
        {MEETING_ROWS.map((k) => (
          <tr key={k} data-row={k}>
            <th scope="row" data-label={h[0]}>
              {t(`eventReport.meetingRows.${k}`)}
            </th>
            <td data-label={h[1]} className="num">
              {formatNumber(r.meetings[k], i18n.language)}
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

function Deals({ r }: { r: Report }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const h = head(t, 'dealHead', ['kind', 'onSpot', 'onSpotValue', 'later', 'laterValue', 'total', 'totalValue']);
  const rows = [
    ['mou', r.mou],
    ['contract', r.contracts],
    ['total', r.deals],
  ] as const;
  return (
    <section className="report-section">
      <h2>{t('eventReport.dealsTitle')}</h2>
      <DataTable columns={h}>
        {rows.map(([k, f]) => (
          <tr key={k} data-row={k} className={k === 'total' ? 'total-row' : undefined}>
            <th scope="row" data-label={h[0]}>
              {t(`eventReport.dealRows.${k}`)}
            </th>
            {[f.onSpot, f.later, f.total].flatMap((a, i) => [
              <td key={`n${i}`} data-label={h[2 * i + 1]} className="num">
                {formatNumber(a.count, lang)}
              </td>,
              <td key={`v${i}`} data-label={h[2 * i + 2]} className="num">
                {formatVnd(a.valueVnd, lang)}
              </td>,
            ])}
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

function Sectors({ r }: { r: Report }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const labels = useTermLabels();
  const h = head(t, 'sectorHead', ['sector', 'mou', 'mouValue', 'contract', 'contractValue']);
  return (
    <section className="report-section">
      <h2>{t('eventReport.sectors')}</h2>
      {r.sectors.length === 0 ? (
        <p className="empty">{t('eventReport.noDeals')}</p>
      ) : (
        <DataTable columns={h}>
          {r.sectors.map((s) => (
            <tr key={s.sector}>
              <th scope="row" data-label={h[0]}>
                {labels.sector(s.sector)}
              </th>
              {[s.mou.count, s.mou.valueVnd, s.contract.count, s.contract.valueVnd].map((v, i) => (
                <td key={i} data-label={h[i + 1]} className="num">
                  {i % 2 ? formatVnd(v, lang) : formatNumber(v, lang)}
                </td>
              ))}
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
