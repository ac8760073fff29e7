// The public results ("Kết quả thực hiện"): the plan's targets and their
// progress, technology transfers per year and sector, support money per
// programme and year, the supported projects accepted, the events'
// participants and MoUs and contracts, the contracts named with their
// parties' consent, and how each figure is counted — with the
// open data (CSV, JSON) the page is drawn from. No login.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints, publicResultsCsvUrl, publicResultsJsonUrl } from '../../api';
import type { PublicResults, ResultFigure } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { DataTable } from '../../components/DataTable';
import { SelectField } from '../../components/Fields';
import { ErrorState, Loading, Notice } from '../../components/Status';
import { formatDate, formatNumber, formatVnd } from '../../lib/format';
import { problemMessage } from '../../lib/messages';
import { useAsync } from '../../lib/useAsync';
import { useTitle } from '../../lib/useTitle';
import { figuresOf, howId, labelOf, supportRows } from './results';
import { openFile } from '../../lib/download';

export default function Results() {
  const { t, i18n } = useTranslation();
  const { data: d, error, loading, reload } = useAsync(() => endpoints.publicResults(), []);
  const [picked, setPicked] = useState<number | null>(null);
  useTitle(t('results.title'));

  if (!d) {
    return (
      <section className="page">
        <h1>{t('results.title')}</h1>
        {loading ? <Loading /> : <ErrorState message={problemMessage(t, error)} onRetry={reload} />}
      </section>
    );
  }
  const years = d.years.map((p) => p.year);
  const year = picked ?? years[years.length - 1];
  const period = d.years.find((p) => p.year === year);
  const lang = i18n.language;

  return (
    <section className="page results-page">
      <p className="eyebrow">{t('results.kicker')}</p>
      <h1>{t('results.title')}</h1>
      <p className="lead">{t('results.intro')}</p>

      <div className="results-toolbar">
        <SelectField id="results-year" label={t('results.year')} value={year} onChange={(e) => setPicked(Number(e.target.value))}>
          {[...years].reverse().map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </SelectField>
        {period && (
          <p className="small muted results-period" data-testid="period">
            {t('results.period', { from: formatDate(period.firstDay, lang), to: formatDate(period.lastDay, lang) })}
          </p>
        )}
        <div className="button-row results-downloads">
          <a className="btn btn-secondary btn-small" href={publicResultsCsvUrl} download data-testid="download-csv">
            {t('results.downloadCsv')}
          </a>
          <a className="btn btn-secondary btn-small" href={publicResultsJsonUrl} download data-testid="download-json">
            {t('results.downloadJson')}
          </a>
        </div>
      </div>

      <OfficerStatistics years={years} year={year} />
      <Targets d={d} />
      <Transfers d={d} year={year} />
      <Support d={d} year={year} />
      <Projects d={d} year={year} />
      <Tasks d={d} year={year} />
      <Events d={d} year={year} />
      <Named d={d} />
      <How d={d} />
    </section>
  );
}

/** A link to how a figure is counted. */
function HowLink({ metric }: { metric: string }) {
  const { t } = useTranslation();
  return (
    <a href={`#${howId(metric)}`} className="how-link small">
      {t('results.how')}
    </a>
  );
}

/** A count or an amount, or what stands for a withheld one. */
function Cell({ f, money }: { f: ResultFigure | undefined; money?: boolean }) {
  const { t } = useTranslation();
  if (!f) return <>–</>;
  if (f.suppressed) {
    const text = f.suppressed === 'small' ? t('results.suppressedSmall') : t('results.suppressedComplement');
    return (
      <abbr className="suppressed" title={t(`results.suppressedWhy.${f.suppressed}`)} data-suppressed={f.suppressed}>
        {text}
      </abbr>
    );
  }
  const v = money ? f.value : f.count;
  if (v === null || v === undefined) return <>–</>;
  return <>{money ? formatVnd(v) : formatNumber(v)}</>;
}

function Targets({ d }: { d: PublicResults }) {
  const { t, i18n } = useTranslation();
  const targets = d.figures.filter((f) => f.section === 'targets');
  const en = i18n.language === 'en';
  return (
    <section className="listing-section" aria-labelledby="targets-title" data-testid="targets">
      <h2 id="targets-title">{t('results.targets.title')}</h2>
      {targets.length === 0 ? (
        <p className="muted">{t('results.targets.none')}</p>
      ) : (
        <DataTable columns={[t('results.targets.indicator'), t('results.targets.target'), t('results.targets.achieved'), t('results.targets.status')]} className="table responsive results-table">
          {targets.map((f) => (
            <tr key={f.key} data-key={f.key}>
              <td data-label={t('results.targets.indicator')}>
                {labelOf(f, i18n.language)} {f.metric !== 'reported' ? <HowLink metric={f.metric} /> : <span className="small muted">{t('results.targets.reported')}</span>}
              </td>
              <td data-label={t('results.targets.target')} className="num">
                {f.target === null
                  ? '–'
                  : t('results.targets.amount', { count: f.target, value: formatNumber(f.target), unit: en ? f.unitEn || f.unit : f.unit, one: en ? f.unitEnOne || f.unitEn || f.unit : f.unit })}
              </td>
              <td data-label={t('results.targets.achieved')} className="num">
                {f.achieved === null ? '–' : formatNumber(f.achieved)}
              </td>
              <td data-label={t('results.targets.status')}>
                <span className={`badge status-${f.status}`}>{t(`results.status.${f.status || 'none'}`)}</span>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

function Transfers({ d, year }: { d: PublicResults; year: number }) {
  const { t, i18n } = useTranslation();
  const rows = figuresOf(d.figures, 'transfers', year);
  return (
    <section className="listing-section" aria-labelledby="transfers-title" data-testid="transfers">
      <h2 id="transfers-title">
        {t('results.transfers.title', { year })} <HowLink metric="transfers.signed" />
      </h2>
      <DataTable columns={[t('results.transfers.sector'), t('results.transfers.count'), t('results.transfers.value')]} className="table responsive results-table">
        {rows.map((f) => (
          <tr key={`${f.dimension}-${f.key}`} data-key={f.key || 'total'} className={f.dimension === 'total' ? 'total-row' : undefined}>
            <th scope="row" data-label={t('results.transfers.sector')}>
              {f.dimension === 'sector' ? labelOf(f, i18n.language) : t('results.total')}
            </th>
            <td data-label={t('results.transfers.count')} className="num" data-testid="count">
              <Cell f={f} />
            </td>
            <td data-label={t('results.transfers.value')} className="num nowrap" data-testid="value">
              <Cell f={f} money />
            </td>
          </tr>
        ))}
      </DataTable>
      <p className="small muted">{t('results.transfers.note', { min: d.minCell })}</p>
    </section>
  );
}

function Support({ d, year }: { d: PublicResults; year: number }) {
  const { t, i18n } = useTranslation();
  const rows = supportRows(d.figures, year);
  return (
    <section className="listing-section" aria-labelledby="support-title" data-testid="support">
      <h2 id="support-title">
        {t('results.support.title', { year })} <HowLink metric="support.committed" />
      </h2>
      <DataTable
        columns={[t('results.support.program'), t('results.support.enterprises'), t('results.support.committed'), t('results.support.disbursed')]}
        className="table responsive results-table"
      >
        {rows.map((r) => (
          <tr key={`${r.total}-${r.key}`} data-key={r.key || 'total'} className={r.total ? 'total-row' : undefined}>
            <th scope="row" data-label={t('results.support.program')}>
              {r.total ? t('results.total') : labelOf(r, i18n.language)}
            </th>
            <td data-label={t('results.support.enterprises')} className="num">
              <Cell f={r.enterprises} />
            </td>
            <td data-label={t('results.support.committed')} className="num nowrap">
              <Cell f={r.committed} money />
            </td>
            <td data-label={t('results.support.disbursed')} className="num nowrap">
              <Cell f={r.disbursed} money />
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

function Projects({ d, year }: { d: PublicResults; year: number }) {
  const { t, i18n } = useTranslation();
  const count = figuresOf(d.figures, 'projects', year)[0];
  const period = d.years.find((p) => p.year === year);
  const projects = d.projects.filter((p) => period && p.acceptedOn >= period.firstDay && p.acceptedOn <= period.lastDay);
  return (
    <section className="listing-section" aria-labelledby="projects-title" data-testid="projects">
      <h2 id="projects-title">
        {t('results.projects.title', { year })} <HowLink metric="support.accepted" />
      </h2>
      <p>
        {t('results.projects.count', { count: count?.count ?? 0 })}
      </p>
      {projects.length > 0 && (
        <ul className="results-projects">
          {projects.map((p) => (
            <li key={p.id}>
              <span className="strong">{p.title}</span> — {p.organization}, {t('results.projects.acceptedOn', { date: formatDate(p.acceptedOn, i18n.language) })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Commissioned S&T tasks accepted in the year, each with its performer. */
function Tasks({ d, year }: { d: PublicResults; year: number }) {
  const { t, i18n } = useTranslation();
  const count = figuresOf(d.figures, 'tasks', year)[0];
  const period = d.years.find((p) => p.year === year);
  const tasks = (d.tasks ?? []).filter((p) => period && p.acceptedOn >= period.firstDay && p.acceptedOn <= period.lastDay);
  return (
    <section className="listing-section" aria-labelledby="tasks-title" data-testid="tasks">
      <h2 id="tasks-title">
        {t('results.tasks.title', { year })} <HowLink metric="tasks.accepted" />
      </h2>
      <p>{t('results.tasks.count', { count: count?.count ?? 0 })}</p>
      {tasks.length > 0 && (
        <ul className="results-projects">
          {tasks.map((p) => (
            <li key={p.id}>
              <span className="strong">{p.title}</span> — {p.organization}, {t('results.projects.acceptedOn', { date: formatDate(p.acceptedOn, i18n.language) })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Events({ d, year }: { d: PublicResults; year: number }) {
  const { t, i18n } = useTranslation();
  const figures = figuresOf(d.figures, 'events', year);
  const participants = figures.find((f) => f.metric === 'events.participants');
  const deals = figures.filter((f) => f.metric === 'events.deals');
  return (
    <section className="listing-section" aria-labelledby="events-title" data-testid="events">
      <h2 id="events-title">
        {t('results.events.title', { year })} <HowLink metric="events.deals" />
      </h2>
      <p data-testid="participants">
        {t('results.events.participants')}: <Cell f={participants} /> <HowLink metric="events.participants" />
      </p>
      <DataTable columns={[t('results.events.deals'), t('results.events.count'), t('results.events.value')]} className="table responsive results-table">
        {deals.map((f) => (
          <tr key={`${f.dimension}-${f.key}`} data-key={f.key || 'total'} className={f.dimension === 'total' ? 'total-row' : undefined}>
            <th scope="row" data-label={t('results.events.deals')}>
              {f.dimension === 'total' ? t('results.total') : labelOf(f, i18n.language)}
            </th>
            <td data-label={t('results.events.count')} className="num" data-testid="count">
              <Cell f={f} />
            </td>
            <td data-label={t('results.events.value')} className="num nowrap" data-testid="value">
              <Cell f={f} money />
            </td>
          </tr>
        ))}
      </DataTable>
      <p className="small muted">{t('results.events.note', { min: d.minCell })}</p>
    </section>
  );
}

function Named({ d }: { d: PublicResults }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="listing-section" aria-labelledby="named-title" data-testid="named">
      <h2 id="named-title">{t('results.named.title')}</h2>
      <p className="small muted">{t('results.named.intro')}</p>
      {d.transfers.length === 0 ? (
        <p className="muted">{t('results.named.none')}</p>
      ) : (
        <DataTable columns={[t('results.named.contract'), t('results.named.parties'), t('results.named.signedOn'), t('results.named.value')]} className="table responsive results-table">
          {d.transfers.map((x) => (
            <tr key={x.id}>
              <td data-label={t('results.named.contract')}>{x.title}</td>
              <td data-label={t('results.named.parties')}>
                {x.supplier} → {x.recipient}
              </td>
              <td data-label={t('results.named.signedOn')} className="nowrap">
                {formatDate(x.signedOn, i18n.language)}
              </td>
              <td data-label={t('results.named.value')} className="num nowrap">
                {formatVnd(x.value)}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

function How({ d }: { d: PublicResults }) {
  const { t, i18n } = useTranslation();
  const used = new Set(d.figures.map((f) => f.metric));
  const en = i18n.language.startsWith('en');
  return (
    <section className="listing-section" aria-labelledby="how-title">
      <h2 id="how-title">{t('results.howTitle')}</h2>
      <dl className="how-list">
        {d.metrics
          .filter((m) => used.has(m.id))
          .map((m) => (
            <div key={m.id} id={howId(m.id)}>
              <dt>{en ? m.label.en : m.label.vi}</dt>
              <dd>
                {en ? m.counted.en : m.counted.vi} <code className="small muted">{m.id}</code>
              </dd>
            </div>
          ))}
      </dl>
      <p className="small muted">{t('results.schema', { schema: d.schema })}</p>
    </section>
  );
}

/** Officers download the ministry's statistical forms of the year picked. */
function OfficerStatistics({ years, year }: { years: number[]; year: number }) {
  const { t, i18n } = useTranslation();
  const { status, hasRole } = useAuth();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  if (status !== 'authenticated' || !hasRole('officer', 'admin') || !years.includes(year)) return null;
  async function download() {
    setBusy(true);
    setProblem(null);
    try {
      await openFile(() => endpoints.statisticsXlsx(year, i18n.language.startsWith('en') ? 'en' : 'vi'), `thong-ke-khcn-${year}.xlsx`);
    } catch (err) {
      setProblem(problemMessage(t, err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="side-card results-officer" aria-labelledby="stats-title">
      <h2 id="stats-title" className="h3">
        {t('results.statistics.title')}
      </h2>
      <p className="small">{t('results.statistics.intro', { year })}</p>
      <button type="button" className="btn btn-primary btn-small" onClick={download} disabled={busy} data-testid="statistics-xlsx">
        {t('results.statistics.download', { year })}
      </button>
      <Notice message={problem} tone="error" />
    </section>
  );
}
