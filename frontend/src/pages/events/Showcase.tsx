// An event's showcase (item 3): its approved stands in booth order —
// exhibitors with their booth and the listings they show, inventors' free
// booths, participants with the needs they bring (the reverse techmart) —
// searched and filtered by the server through the search engine's event
// filter. The filters live in the address, so a booth's QR code
// (?booth=A-2) and a shared search open the same view. The event's page
// renders it; /events/:id/showcase shows it alone.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { ListingKind } from '../../api/types';
import { SelectField } from '../../components/Fields';
import { Highlight } from '../../components/Highlight';
import { KindBadge } from '../../components/ListingBadges';
import { Pagination } from '../../components/Pagination';
import { ErrorState, Loading } from '../../components/Status';
import { formatNumber } from '../../lib/format';
import { problemMessage } from '../../lib/messages';
import { useTermLabels } from '../../lib/taxonomy';
import { useAsync } from '../../lib/useAsync';
import { catalogueUrl, showcaseApi, type ShowcaseFilter, type ShowcasePage, type Stand } from './showcaseApi';

const ROLES = ['exhibitor', 'inventor', 'participant'] as const;
const KINDS: ListingKind[] = ['technology', 'equipment', 'ip', 'demand'];

function filterOf(params: URLSearchParams): ShowcaseFilter {
  return {
    q: params.get('q') ?? '',
    kind: params.get('kind') ?? '',
    sector: params.get('sector') ?? '',
    role: params.get('role') ?? '',
    booth: params.get('booth') ?? '',
    page: Math.max(1, Number(params.get('page')) || 1),
  };
}

export function Showcase({ eventId, onLoad }: { eventId: string; onLoad?: (page: ShowcasePage) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [params, setParams] = useSearchParams();
  const filter = filterOf(params);
  const key = JSON.stringify(filter);
  const { data, error, loading, reload } = useAsync(async () => {
    const page = await showcaseApi.showcase(eventId, filter);
    onLoad?.(page);
    return page;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [eventId, key]);
  const [words, setWords] = useState(filter.q);
  const labels = useTermLabels();

  const set = (change: Partial<ShowcaseFilter>) => {
    const next = { ...filter, page: 1, ...change };
    const out = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if ((k === 'page' && v === 1) || v === '') out.delete(k);
      else out.set(k, String(v));
    }
    setParams(out, { replace: true, preventScrollReset: true });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    set({ q: words.trim() });
  };
  const filtered = filter.q !== '' || filter.kind !== '' || filter.sector !== '' || filter.role !== '' || filter.booth !== '';
  const sectors = data?.facets?.sector ?? [];

  return (
    <section className="showcase" id="showcase" aria-labelledby="showcase-title" aria-busy={loading}>
      <div className="showcase-head">
        <h2 id="showcase-title">{t('showcase.title')}</h2>
        <div className="button-row showcase-links">
          <a className="btn btn-secondary btn-small" href={catalogueUrl(eventId, 'html', lang)} target="_blank" rel="noopener" data-testid="catalogue">
            {t('showcase.catalogue')}
          </a>
          <a className="btn btn-secondary btn-small" href={catalogueUrl(eventId, 'pdf', lang)} target="_blank" rel="noopener">
            {t('showcase.cataloguePdf')}
          </a>
          {data?.can.report && (
            <Link className="btn btn-secondary btn-small" to={`/events/${encodeURIComponent(eventId)}/report`} data-testid="report-link">
              {t('showcase.report')}
            </Link>
          )}
        </div>
      </div>
      {/* A booth's QR code opens on that booth alone: its stand first, the filters once it is cleared. */}
      {!filter.booth && <p className="muted">{t('showcase.intro')}</p>}

      {!filter.booth && (
        <form className="showcase-filters" role="search" onSubmit={submit}>
          <div className="field showcase-search">
            <label htmlFor="showcase-q">{t('showcase.searchLabel')}</label>
            <div className="showcase-search-row">
              <input id="showcase-q" type="search" value={words} maxLength={200} placeholder={t('showcase.searchPlaceholder')} onChange={(e) => setWords(e.target.value)} />
              <button type="submit" className="btn btn-primary">
                {t('common.search')}
              </button>
            </div>
          </div>
          <SelectField id="showcase-role" label={t('showcase.role')} value={filter.role} onChange={(e) => set({ role: e.target.value })}>
            <option value="">{t('showcase.allRoles')}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`showcase.roles.${r}`)}
              </option>
            ))}
          </SelectField>
          <SelectField id="showcase-kind" label={t('showcase.kind')} value={filter.kind} onChange={(e) => set({ kind: e.target.value })}>
            <option value="">{t('showcase.allKinds')}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`listingKind.${k}`)}
              </option>
            ))}
          </SelectField>
          <SelectField id="showcase-sector" label={t('showcase.sector')} value={filter.sector} onChange={(e) => set({ sector: e.target.value })}>
            <option value="">{t('showcase.allSectors')}</option>
            {filter.sector && !sectors.some((s) => s.value === filter.sector) && <option value={filter.sector}>{labels.sector(filter.sector)}</option>}
            {sectors.map((s) => (
              <option key={s.value} value={s.value}>
                {labels.sector(s.value)} ({formatNumber(s.count, lang)})
              </option>
            ))}
          </SelectField>
        </form>
      )}

      {(filter.booth || filtered) && (
        <div className="button-row showcase-active">
          {filter.booth && (
            <button type="button" className="chip" onClick={() => set({ booth: '' })} aria-label={t('showcase.clearBooth', { booth: filter.booth })}>
              {t('showcase.booth', { booth: filter.booth })} <span aria-hidden="true" className="chip-x">×</span>
            </button>
          )}
          {filtered && (
            <button
              type="button"
              className="btn btn-link btn-small"
              onClick={() => {
                setWords('');
                set({ q: '', kind: '', sector: '', role: '', booth: '' });
              }}
            >
              {t('common.clearFilters')}
            </button>
          )}
        </div>
      )}

      {!data && (loading ? <Loading /> : <ErrorState message={problemMessage(t, error)} onRetry={reload} />)}
      {data && (
        <>
          <p className="small muted" data-testid="showcase-count" aria-live="polite">
            {t('showcase.count', { stands: formatNumber(data.total, lang), items: formatNumber(data.items, lang) })}
          </p>
          {data.stands.length === 0 ? (
            <p className="empty">{filtered ? t('showcase.emptyFiltered') : t('showcase.empty')}</p>
          ) : (
            <ul className="stands">
              {data.stands.map((s) => (
                <StandCard key={s.registrationId} stand={s} sector={labels.sector} />
              ))}
            </ul>
          )}
          {data.total > data.pageSize && <Pagination page={data.page} pageSize={data.pageSize} total={data.total} onPage={(page) => set({ page })} />}
        </>
      )}
    </section>
  );
}

function StandCard({ stand: s, sector }: { stand: Stand; sector: (code: string) => string }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (
    <li className="stand" data-booth={s.booth ?? ''} data-role={s.role}>
      <div className="stand-head">
        {s.booth ? (
          <span className="stand-booth" aria-label={t('showcase.booth', { booth: s.booth })}>
            {s.booth}
          </span>
        ) : (
          <span className="stand-booth stand-nobooth">{t('showcase.noBooth')}</span>
        )}
        <div className="stand-who">
          <h3 className="stand-org">
            <Link to={`/organizations/${encodeURIComponent(s.org.id)}`}>{s.org.name}</Link>
          </h3>
          <p className="small muted">
            {t(`showcase.roles.${s.role}`)} · {t(`orgKind.${s.orgKind}`, { defaultValue: s.orgKind })}
          </p>
          {s.qr && (
            <p className="small">
              <a className="stand-qr" href={s.qr} target="_blank" rel="noopener" aria-label={t('showcase.qrFor', { booth: s.booth })}>
                {t('showcase.qr')}
              </a>
            </p>
          )}
        </div>
      </div>
      {s.items.length === 0 ? (
        <p className="small muted stand-none">{t('showcase.nothingYet')}</p>
      ) : (
        <>
          <p className="stand-caption small strong">{s.role === 'participant' ? t('showcase.needsBrought') : t('showcase.shown')}</p>
          <ul className="stand-items">
            {s.items.map((it) => (
              <li key={it.id} className="stand-item">
                <KindBadge kind={it.kind} />
                <Link to={`/listings/${encodeURIComponent(it.id)}`} className="stand-item-title">
                  {en && it.titleEn ? <span lang="en">{it.titleEn}</span> : <Highlight html={it.highlights?.title} text={it.title} />}
                </Link>
                {it.sectors.length > 0 && <span className="small muted stand-item-sectors">{it.sectors.map(sector).join(', ')}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </li>
  );
}
