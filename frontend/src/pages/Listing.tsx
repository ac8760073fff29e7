// A listing: everything the public may read, laid out by kind. Members of
// the owner's organisation also see its state, the department's reasons and
// the actions the state allows; officers approve or reject pending listings.
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api';
import { Fact, ListFact } from '../components/Facts';
import { ApiError, type FieldError } from '../api/client';
import { isOffer, type Listing, type ListingAction } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { KindBadge, ListingStateBadge } from '../components/ListingBadges';
import { ListingFilesEditor, ListingGallery } from '../components/ListingFiles';
import { ConnectionStateBadge } from '../components/ConnectionBadges';
import { ListingMatches } from '../components/Matches';
import { InterestDialog, ProposeMatchDialog, onDemand } from '../components/OnDemand';
import { MissingFieldsAlert, StaleAlert } from '../components/PublishAlerts';
import { ErrorState, Loading, Notice } from '../components/Status';
import { formatDate } from '../lib/format';
import {
  daysUntil,
  EXPIRY_WARNING_DAYS,
  formatAmountRange,
  formatDay,
  formatPrice,
  listingFieldLabel,
} from '../lib/listing';
import { problemMessage } from '../lib/messages';
import { useOrgs } from '../lib/orgNames';
import { useLabels, useTaxonomy, type Labels } from '../lib/taxonomy';
import { interestOrgs, isClosed } from '../lib/matching';
import { useAsync } from '../lib/useAsync';
import { useTitle } from '../lib/useTitle';

// Officers' approve/reject come in their own chunk.
const ListingModeration = lazy(() => import('./officer/ListingModeration'));

export type OwnerAction = ListingAction | 'delete';

/** What the owner's organisation may do in each state. */
export function ownerActions(state: Listing['state']): { edit: boolean; actions: OwnerAction[] } {
  switch (state) {
    case 'draft':
      return { edit: true, actions: ['submit', 'delete'] };
    case 'rejected':
      return { edit: true, actions: ['submit', 'delete'] };
    case 'pending':
      return { edit: false, actions: ['archive'] };
    case 'published':
      return { edit: true, actions: ['renew', 'archive'] };
    default:
      return { edit: false, actions: [] };
  }
}

/** States in which the owner's organisation may add and remove files. */
export const FILE_STATES: readonly Listing['state'][] = ['draft', 'rejected', 'published'];

interface Flash {
  notice?: string;
}

// "Đề xuất đặt hàng nhiệm vụ" on a published need, for those who may propose
// a task: its code comes only to signed-in readers of a need.
const ProposeTask = onDemand(
  () => import('./tasks/ProposeTaskButton').then((m) => m.default),
  (p: { needId: string; show: boolean }) => p.show,
);

export default function ListingPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const location = useLocation();
  const navigate = useNavigate();
  const { status, me, hasRole } = useAuth();
  // Wait for the session so owners and officers get their full view at once.
  const ready = status !== 'loading';
  const { data: listing, error, loading, reload, setData } = useAsync(
    () => (ready ? endpoints.listing(id) : new Promise<Listing>(() => undefined)),
    [id, ready, me?.user.id],
  );
  const { taxonomy } = useTaxonomy();
  const labels = useLabels(taxonomy, lang);
  const [notice, setNotice] = useState<{ text: string; tone: 'success' | 'error' | 'info' } | null>(
    (location.state as Flash | null)?.notice ? { text: (location.state as Flash).notice!, tone: 'success' } : null,
  );
  const noticeRef = useRef<HTMLDivElement>(null);
  // Bumped when an officer proposes a match, so that the list shows it.
  const [matchesKey, setMatchesKey] = useState(0);
  useTitle(listing?.title ?? t('listing.title'));

  const isMember = !!listing && !!me?.organizations.some((o) => o.id === listing.orgId);
  const isStaff = hasRole('officer', 'admin');
  const orgs = useOrgs(listing && !listing.organization ? [listing.orgId] : [], me?.organizations, isStaff);
  const org = listing?.organization ?? (listing ? orgs[listing.orgId] : undefined);

  useEffect(() => {
    // A notice carried from the form belongs to the first visit only.
    if ((location.state as Flash | null)?.notice) navigate(location.pathname, { replace: true, state: null });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function changed(updated: Listing | null, message: string, tone: 'success' | 'error' | 'info' = 'success') {
    if (updated) setData(updated);
    setNotice({ text: message, tone });
    requestAnimationFrame(() => noticeRef.current?.focus());
  }

  if (!listing) {
    const notFound = error instanceof ApiError && error.status === 404;
    return (
      <section className="page">
        <h1>{notFound ? t('listing.notFoundTitle') : t('listing.title')}</h1>
        {loading || !ready ? (
          <Loading />
        ) : notFound ? (
          <>
            <p>{t('listing.notFoundText')}</p>
            <p className="actions">
              <Link className="btn btn-primary" to="/search">
                {t('listing.backToSearch')}
              </Link>
              {status !== 'authenticated' && (
                <Link className="btn btn-secondary" to={`/login?next=${encodeURIComponent(location.pathname)}`}>
                  {t('listing.loginToSee')}
                </Link>
              )}
            </p>
          </>
        ) : (
          <ErrorState message={problemMessage(t, error)} onRetry={reload} />
        )}
      </section>
    );
  }

  const offer = isOffer(listing.kind);
  // Both views name the organisation now; the full record is for members and officers.
  const full = isMember || isStaff || !!listing.createdBy;
  const editFiles = isMember && FILE_STATES.includes(listing.state);
  return (
    <article className="page listing-page" data-state={listing.state}>
      <p className="listing-kicker">
        <KindBadge kind={listing.kind} />
        {full && <ListingStateBadge state={listing.state} />}
      </p>
      {i18n.language === 'en' && listing.titleEn ? (
        <>
          <h1 lang="en">{listing.titleEn}</h1>
          <p className="muted listing-title-vi" lang="vi">{listing.title}</p>
        </>
      ) : (
        <h1>{listing.title}</h1>
      )}
      {org && (
        <p className="listing-org">
          {listing.state === undefined || listing.state === 'published' ? (
            <Link className="strong" to={`/organizations/${encodeURIComponent(listing.orgId)}`}>
              {org.name}
            </Link>
          ) : (
            <span className="strong">{org.name}</span>
          )}
          <span className="muted"> · {t(`orgKind.${org.kind}`, { defaultValue: org.kind })}</span>
        </p>
      )}
      <div ref={noticeRef} tabIndex={-1} className="notice-anchor">
        <Notice message={notice?.text} tone={notice?.tone} />
      </div>

      {isMember && <OwnerPanel listing={listing} labels={labels} onChanged={changed} onReload={reload} />}
      {isStaff && listing.state === 'pending' && (
        isMember ? (
          <p className="alert alert-info">{t('moderation.ownOrganization')}</p>
        ) : (
          <Suspense fallback={<Loading />}>
            <ListingModeration listing={listing} onChanged={changed} onReload={reload} />
          </Suspense>
        )
      )}

      {i18n.language === 'en' && listing.summaryEn ? (
        <p className="lead listing-summary" lang="en">{listing.summaryEn}</p>
      ) : (
        <p className="lead listing-summary">{listing.summary}</p>
      )}

      {listing.state === 'published' && !isMember && <InterestPanel listing={listing} />}
      <ProposeTask needId={listing.id} show={status === 'authenticated' && listing.state === 'published' && listing.kind === 'demand'} />

      <div className="listing-layout">
        <div className="listing-main">
          {editFiles ? (
            <ListingFilesEditor
              listing={listing}
              onChanged={async (message) => {
                await reload();
                changed(null, message);
              }}
            />
          ) : (
            <ListingGallery listing={listing} authed={full} />
          )}
          {listing.kind === 'demand' && <TextSection title={t('listing.problem')} text={listing.problem} />}
          {listing.kind === 'demand' && listing.requirements && (
            <Requirements must={listing.requirements.must} nice={listing.requirements.nice} />
          )}
          <TextSection title={t('listing.description')} text={listing.description} />
          {offer && <TextSection title={t('listing.advantages')} text={listing.advantages} />}
          {offer && <TextSection title={t('listing.applications')} text={listing.applications} />}
          {listing.confidentialDetails && (
            <section className="confidential" aria-labelledby="confidential-title">
              <h2 id="confidential-title">
                <span aria-hidden="true">🔒 </span>
                {t('listing.confidentialTitle')}
              </h2>
              <p className="confidential-note">{t('listing.confidentialNote')}</p>
              <p className="prose">{listing.confidentialDetails}</p>
            </section>
          )}
        </div>

        <aside className="listing-side">
          <section className="side-card" aria-labelledby="facts-title">
            <h2 id="facts-title" className="h3">
              {offer ? t('listing.offerTerms') : t('listing.demandTerms')}
            </h2>
            <dl className="listing-facts">
              {offer && (
                <Fact label={t('listing.price')}>
                  <span className="price">{formatPrice(t, listing.price)}</span>
                </Fact>
              )}
              {offer && !!listing.trl && (
                <Fact label={t('listing.trl')}>
                  <span className="strong">{t('listing.trlValue', { level: listing.trl })}</span>
                  <span className="fact-note">{labels.trl(listing.trl)}</span>
                </Fact>
              )}
              {listing.kind === 'demand' && (
                <Fact label={t('listing.budget')}>
                  <span className="price">{formatAmountRange(t, listing.budget?.min, listing.budget?.max)}</span>
                </Fact>
              )}
              {listing.kind === 'demand' && !!listing.trlMin && (
                <Fact label={t('listing.trlMin')}>
                  <span className="strong">{t('listing.trlValue', { level: listing.trlMin })}</span>
                  <span className="fact-note">{labels.trl(listing.trlMin)}</span>
                </Fact>
              )}
              {listing.kind === 'demand' && listing.deadline && (
                <Fact label={t('listing.deadline')}>{formatDay(listing.deadline)}</Fact>
              )}
              <ListFact label={t('listing.transferForms')} items={listing.transferForms.map(labels.transferForm)} />
            </dl>
          </section>

          {listing.kind === 'ip' && (
            <section className="side-card" aria-labelledby="ip-title">
              <h2 id="ip-title" className="h3">
                {t('listing.ipTitle')}
              </h2>
              <dl className="listing-facts">
                {listing.ipType && <Fact label={t('listing.ipType')}>{labels.ipType(listing.ipType)}</Fact>}
                {listing.ipNumber && <Fact label={t('listing.ipNumber')}>{listing.ipNumber}</Fact>}
                {listing.ipStatus && <Fact label={t('listing.ipStatus')}>{labels.ipStatus(listing.ipStatus)}</Fact>}
                {listing.filingDate && <Fact label={t('listing.filingDate')}>{formatDay(listing.filingDate)}</Fact>}
                {listing.grantDate && <Fact label={t('listing.grantDate')}>{formatDay(listing.grantDate)}</Fact>}
                {listing.holder && <Fact label={t('listing.holder')}>{listing.holder}</Fact>}
              </dl>
            </section>
          )}

          <section className="side-card" aria-labelledby="about-title">
            <h2 id="about-title" className="h3">
              {t('listing.about')}
            </h2>
            <dl className="listing-facts">
              {listing.sectors.length > 0 && (
                <Fact label={t('listing.sectors')}>
                  <ul className="tags">
                    {listing.sectors.map((s) => (
                      <li key={s}>
                        <Link to={`/search?sector=${encodeURIComponent(s)}`}>{labels.sector(s)}</Link>
                      </li>
                    ))}
                  </ul>
                </Fact>
              )}
              {listing.keywords.length > 0 && (
                <Fact label={t('listing.keywords')}>{listing.keywords.join(', ')}</Fact>
              )}
              {listing.adminUnit && <Fact label={t('listing.adminUnit')}>{labels.adminUnit(listing.adminUnit)}</Fact>}
              {listing.publishedAt && listing.state === 'published' && (
                <Fact label={t('listing.publishedAt')}>{formatDate(listing.publishedAt, lang)}</Fact>
              )}
              {listing.validUntil && (
                <Fact label={t('listing.validUntil')}>{formatDate(listing.validUntil, lang)}</Fact>
              )}
            </dl>
          </section>

          {listing.contact && (listing.contact.name || listing.contact.email || listing.contact.phone) && (
            <section className="side-card contact-card" aria-labelledby="contact-title">
              <h2 id="contact-title" className="h3">
                {t('listing.contact')}
              </h2>
              <dl className="listing-facts">
                {listing.contact.name && <Fact label={t('listing.contactName')}>{listing.contact.name}</Fact>}
                {listing.contact.email && (
                  <Fact label={t('listing.contactEmail')}>
                    <a className="break" href={`mailto:${listing.contact.email}`}>
                      {listing.contact.email}
                    </a>
                  </Fact>
                )}
                {listing.contact.phone && (
                  <Fact label={t('listing.contactPhone')}>
                    <a href={`tel:${listing.contact.phone.replace(/[^\d+]/g, '')}`}>{listing.contact.phone}</a>
                  </Fact>
                )}
              </dl>
            </section>
          )}
        </aside>
      </div>

      {(listing.state === 'published' || isMember || isStaff) && (
        <ListingMatches
          listing={listing}
          refreshKey={matchesKey}
          action={
            isStaff && listing.state === 'published' ? (
              <ProposeButton
                listing={listing}
                onDone={(m) => {
                  setMatchesKey((k) => k + 1);
                  changed(null, m);
                }}
              />
            ) : undefined
          }
        />
      )}
    </article>
  );
}

/**
 * "Bày tỏ quan tâm" for members of a verified organisation other than the
 * listing's; what stands in the way for the others.
 */
function InterestPanel({ listing }: { listing: Listing }) {
  const { t } = useTranslation();
  const location = useLocation();
  const { status, me } = useAuth();
  const [open, setOpen] = useState(false);
  const orgs = interestOrgs(me, listing.orgId);
  // An organisation has one open interest per listing: lead to it rather than to a 409.
  const { data: mine } = useAsync(
    () =>
      orgs.length > 0
        ? endpoints.connections({ scope: 'mine', listingId: listing.id }, 1, 20).then(
            (p) => p.items.filter((c) => !isClosed(c.state) && orgs.some((o) => o.id === c.party.id)),
            () => [],
          )
        : Promise.resolve([]),
    [listing.id, me?.user.id, orgs.length],
  );
  if (status === 'loading') return null;
  if (status !== 'authenticated' || !me) {
    return (
      <p className="interest-panel">
        <Link className="btn btn-secondary" to={`/login?next=${encodeURIComponent(location.pathname)}`}>
          {t('interest.loginFirst')}
        </Link>
      </p>
    );
  }
  // Officers of the department propose matches; they do not express interest.
  if (me.organizations.every((o) => (o.kind as string) === 'department')) return null;
  if (orgs.length === 0) {
    return <p className="alert alert-info interest-panel">{t('interest.needsVerification')}</p>;
  }
  const open_ = mine ?? [];
  const free = orgs.filter((o) => !open_.some((c) => c.party.id === o.id));
  return (
    <div className="interest-panel">
      {open_.map((c) => (
        <p key={c.id} className="alert alert-info existing-interest">
          {t('interest.existing', { org: c.party.name })} <ConnectionStateBadge state={c.state} />{' '}
          <Link to={`/connections/${encodeURIComponent(c.id)}`}>{t('interest.seeExisting')}</Link>
        </p>
      ))}
      {mine && free.length > 0 && (
        <>
          <button type="button" className="btn btn-primary btn-large" onClick={() => setOpen(true)}>
            {t('interest.open')}
          </button>
          <p className="muted small">{t('interest.panelHint')}</p>
        </>
      )}
      <InterestDialog target={open ? { id: listing.id, title: listing.title, orgId: listing.orgId } : null} onClose={() => setOpen(false)} />
    </div>
  );
}

/** Officers: "Đề xuất kết nối" opens the dialog that pairs this listing with a counterpart. */
function ProposeButton({ listing, onDone }: { listing: Listing; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn btn-secondary btn-small" onClick={() => setOpen(true)}>
        {t('propose.open')}
      </button>
      <ProposeMatchDialog
        listing={listing}
        open={open}
        onClose={() => setOpen(false)}
        onDone={(m) => {
          setOpen(false);
          onDone(m);
        }}
      />
    </>
  );
}

function TextSection({ title, text }: { title: string; text?: string }) {
  if (!text) return null;
  return (
    <section className="listing-section">
      <h2>{title}</h2>
      <p className="prose">{text}</p>
    </section>
  );
}

function Requirements({ must, nice }: { must: string[]; nice: string[] }) {
  const { t } = useTranslation();
  if (must.length === 0 && nice.length === 0) return null;
  return (
    <section className="listing-section">
      <h2>{t('listing.requirements')}</h2>
      {must.length > 0 && (
        <>
          <h3>{t('listing.mustHave')}</h3>
          <ul className="req-list must">
            {must.map((x, i) => (
              <li key={i}>{x}</li>
            ))}
          </ul>
        </>
      )}
      {nice.length > 0 && (
        <>
          <h3>{t('listing.niceToHave')}</h3>
          <ul className="req-list nice">
            {nice.map((x, i) => (
              <li key={i}>{x}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** Status, the department's reasons and the owner's actions. */
function OwnerPanel({
  listing,
  labels,
  onChanged,
  onReload,
}: {
  listing: Listing;
  labels: Labels;
  onChanged: (l: Listing | null, message: string, tone?: 'success' | 'error' | 'info') => void;
  onReload: () => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [confirm, setConfirm] = useState<OwnerAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [missing, setMissing] = useState<FieldError[]>([]);
  const [stale, setStale] = useState(false);
  const { edit, actions } = ownerActions(listing.state);
  const days = listing.state === 'published' ? daysUntil(listing.validUntil) : null;
  const editPath = `/listings/${encodeURIComponent(listing.id)}/edit`;

  async function run(action: OwnerAction) {
    setBusy(true);
    setDialogError(null);
    setMissing([]);
    setStale(false);
    try {
      if (action === 'delete') {
        await endpoints.deleteListing(listing.id, listing.version);
        navigate('/my/listings', { state: { notice: t('ownerActions.deleted', { title: listing.title }) } });
        return;
      }
      const updated = await endpoints.listingAction(listing.id, action, listing.version);
      setBusy(false);
      setConfirm(null);
      onChanged(updated, t(`ownerActions.done.${action}`));
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.status === 412) {
        setConfirm(null);
        setStale(true);
        return;
      }
      if (err instanceof ApiError && err.status === 422 && err.errors.length > 0) {
        setConfirm(null);
        setMissing(err.errors);
        return;
      }
      setDialogError(problemMessage(t, err));
    }
  }

  return (
    <section className={`owner-panel state-${listing.state}`} aria-labelledby="owner-panel-title">
      <h2 id="owner-panel-title" className="h3">
        {t(`ownerPanel.title.${listing.state}`)}
      </h2>
      <p>
        {listing.state === 'published' && listing.validUntil
          ? t('ownerPanel.text.published', { date: formatDate(listing.validUntil, i18n.language) })
          : t(`ownerPanel.text.${listing.state}`)}
      </p>
      {days !== null && days <= EXPIRY_WARNING_DAYS && (
        <p className="alert alert-warning expiry-warning">
          {days > 0 ? t('ownerPanel.expiresIn', { count: days }) : t('ownerPanel.expired')}
        </p>
      )}
      {listing.state === 'rejected' && (listing.rejectReason || listing.rejectComment) && (
        <div className="reject-box">
          {listing.rejectReason && (
            <p>
              <span className="strong">{t('ownerPanel.rejectReason')}</span> {labels.rejectReason(listing.rejectReason)}
            </p>
          )}
          {listing.rejectComment && <blockquote className="reason prose">{listing.rejectComment}</blockquote>}
        </div>
      )}
      {stale && <StaleAlert text={t('ownerPanel.stale')} onReload={() => void onReload().then(() => setStale(false))} />}
      <MissingFieldsAlert
        intro={t('ownerPanel.incomplete')}
        errors={missing}
        label={(f) => listingFieldLabel(t, f)}
        editPath={editPath}
        completeText={t('ownerPanel.completeNow')}
      />
      {(edit || actions.length > 0) && (
        <div className="actions owner-actions">
          {edit && (
            <Link className="btn btn-secondary" to={editPath}>
              {t('ownerActions.edit')}
            </Link>
          )}
          {actions.map((a) => (
            <button
              key={a}
              type="button"
              className={a === 'delete' || a === 'archive' ? 'btn btn-danger' : a === 'submit' || a === 'renew' ? 'btn btn-primary' : 'btn btn-secondary'}
              onClick={() => {
                setDialogError(null);
                setConfirm(a);
              }}
            >
              {t(`ownerActions.${a}`)}
            </button>
          ))}
        </div>
      )}
      <ConfirmDialog
        open={confirm !== null}
        title={confirm ? t(`ownerActions.confirmTitle.${confirm}`) : ''}
        confirmLabel={confirm ? t(`ownerActions.${confirm}`) : ''}
        danger={confirm === 'delete' || confirm === 'archive'}
        busy={busy}
        error={dialogError}
        onConfirm={() => confirm && void run(confirm)}
        onClose={() => setConfirm(null)}
      >
        {confirm && <p>{t(`ownerActions.confirmText.${confirm}`, { title: listing.title })}</p>}
      </ConfirmDialog>
    </section>
  );
}
