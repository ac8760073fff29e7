// A support application's dossier as its readers see it: the project, the
// technology it adopts, the money asked for and the documents filed per
// checklist entry. The application page, the wizard's last step and the
// reviewer's screen all show it; the wizard adds "change" buttons.
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api';
import type { Application, Program } from '../api/types';
import { amountLimits, type WizardStep } from '../lib/applications';
import { formatVnd } from '../lib/format';
import { formatDay } from '../lib/listing';
import { useAsync } from '../lib/useAsync';
import { Fact } from './Facts';
import { DocumentItem } from './ListingFiles';

const pending = () => new Promise<never>(() => undefined);

function SectionHead({ id, title, step, onEdit }: { id: string; title: string; step: WizardStep; onEdit?: (s: WizardStep) => void }) {
  const { t } = useTranslation();
  return (
    <div className="section-head">
      <h2 id={id}>{title}</h2>
      {onEdit && (
        <button type="button" className="btn btn-secondary btn-small" onClick={() => onEdit(step)} aria-label={t('appWizard.changeSection', { section: title })}>
          {t('appWizard.change')}
        </button>
      )}
    </div>
  );
}

/**
 * The transfer or listing named by its title (with a link for those who may
 * open it), or the description. A linked transfer's title, parties and date
 * come with the dossier; the record itself is asked for only by those `can`
 * lets open it (a reviewer may not, and is not made to ask).
 */
export function TechnologyRef({ technology, openTransfer = false }: { technology: Application['technology']; openTransfer?: boolean }) {
  const { t } = useTranslation();
  const tech = technology ?? {};
  const fetchTransfer = !!tech.transferId && openTransfer && !(tech.title && tech.supplierName);
  const transfer = useAsync(() => (fetchTransfer && tech.transferId ? endpoints.transfer(tech.transferId) : pending()), [tech.transferId, fetchTransfer]);
  const listing = useAsync(() => (tech.listingId ? endpoints.listing(tech.listingId) : pending()), [tech.listingId]);
  if (tech.transferId) {
    const tr = transfer.data;
    const title = tr?.title ?? tech.title;
    const supplier = tr?.supplier.name ?? tech.supplierName;
    const recipient = tr?.recipient.name ?? tech.recipientName;
    const signedOn = tr?.signedOn ?? tech.signedOn;
    return (
      <div className="tech-ref" data-testid="technology">
        <p className="muted small">{t('appWizard.tech.transfer')}</p>
        {title ? (
          <>
            <p>
              {openTransfer ? (
                <Link className="strong" to={`/transfers/${encodeURIComponent(tech.transferId)}`}>
                  {title}
                </Link>
              ) : (
                <span className="strong">{title}</span>
              )}
            </p>
            {supplier && recipient && (
              <p className="small muted">{t('appWizard.tech.transferParties', { supplier, recipient, date: formatDay(signedOn) })}</p>
            )}
          </>
        ) : (
          <p>{transfer.error || !fetchTransfer ? t('appWizard.tech.transferHidden') : t('app.loading')}</p>
        )}
      </div>
    );
  }
  if (tech.listingId) {
    const l = listing.data;
    return (
      <div className="tech-ref" data-testid="technology">
        <p className="muted small">{t('appWizard.tech.listing')}</p>
        {l ? (
          <p>
            <Link className="strong" to={`/listings/${encodeURIComponent(l.id)}`}>
              {l.title}
            </Link>
            {l.organization?.name && <span className="muted small"> · {l.organization.name}</span>}
          </p>
        ) : (
          <p>{tech.title ? <span className="strong">{tech.title}</span> : listing.error ? t('appWizard.tech.listingHidden') : t('app.loading')}</p>
        )}
      </div>
    );
  }
  if (tech.description) {
    return (
      <div className="tech-ref" data-testid="technology">
        <p className="muted small">{t('appWizard.tech.description')}</p>
        <p className="prose">{tech.description}</p>
      </div>
    );
  }
  return <p className="muted">{t('application.notGiven')}</p>;
}

export function ApplicationDossier({
  application: a,
  program,
  onEdit,
}: {
  application: Application;
  program?: Program | null;
  /** The wizard's review: a "change" button per section. */
  onEdit?: (step: WizardStep) => void;
}) {
  const { t } = useTranslation();
  const none = <span className="muted">{t('application.notGiven')}</span>;
  const limits = program ? amountLimits(program, a.totalCost) : null;
  const docs = program?.documents ?? [];
  // Files under codes the checklist no longer has are still shown, last.
  const extra = (a.documents ?? []).filter((d) => !docs.some((x) => x.code === d.code));
  return (
    <div className="dossier">
      <section className="listing-section" aria-labelledby="dossier-project">
        <SectionHead id="dossier-project" title={t('appWizard.step.project')} step="project" onEdit={onEdit} />
        <dl className="listing-facts">
          {onEdit && <Fact label={t('appFields.title')}>{a.title || none}</Fact>}
          <Fact label={t('appFields.summary')}>{a.summary ? <span className="prose">{a.summary}</span> : none}</Fact>
          <Fact label={t('application.period')}>
            {a.startOn || a.endOn ? t('application.periodValue', { start: formatDay(a.startOn) || '…', end: formatDay(a.endOn) || '…' }) : none}
          </Fact>
          <Fact label={t('appFields.expectedResults')}>{a.expectedResults ? <span className="prose">{a.expectedResults}</span> : none}</Fact>
        </dl>
      </section>

      <section className="listing-section" aria-labelledby="dossier-technology">
        <SectionHead id="dossier-technology" title={t('appWizard.step.technology')} step="technology" onEdit={onEdit} />
        <TechnologyRef technology={a.technology} openTransfer={!!a.can?.openTransfer} />
      </section>

      <section className="listing-section" aria-labelledby="dossier-money">
        <SectionHead id="dossier-money" title={t('appWizard.step.money')} step="money" onEdit={onEdit} />
        <dl className="listing-facts money-facts">
          <Fact label={t('appFields.totalCost')}>{a.totalCost ? formatVnd(a.totalCost) : none}</Fact>
          <Fact label={t('appFields.requested')}>
            {a.requested ? (
              <span className="price" data-testid="requested">
                {formatVnd(a.requested)}
              </span>
            ) : (
              none
            )}
          </Fact>
          <Fact label={t('appFields.ownContribution')}>{a.ownContribution ? formatVnd(a.ownContribution) : none}</Fact>
          {limits && limits.cap > 0 && (
            <Fact label={t('appWizard.money.allowed')}>
              <span data-testid="dossier-allowed">{limits.allowed > 0 ? formatVnd(limits.allowed) : t('appWizard.money.unknownTotal')}</span>
              <span className="muted small"> · {t('appWizard.money.rule', { cap: formatVnd(limits.cap), percent: limits.sharePercent })}</span>
            </Fact>
          )}
        </dl>
      </section>

      <section className="listing-section" aria-labelledby="dossier-documents">
        <SectionHead id="dossier-documents" title={t('appWizard.step.documents')} step="documents" onEdit={onEdit} />
        {docs.length === 0 && extra.length === 0 ? (
          <p className="muted">{t('application.noDocuments')}</p>
        ) : (
          <ul className="doc-checklist">
            {docs.map((d) => {
              const files = (a.documents ?? []).filter((x) => x.code === d.code);
              return (
                <li key={d.code} className={files.length ? 'doc-entry filed' : 'doc-entry missing'} data-code={d.code}>
                  <p className="doc-entry-head">
                    <span className="strong">{d.name}</span>{' '}
                    <span className={d.required ? 'badge badge-required' : 'badge badge-optional'}>
                      {d.required ? t('support.required') : t('support.optional')}
                    </span>
                  </p>
                  {files.length > 0 ? (
                    <ul className="doc-list">
                      {files.map((f, i) => (
                        <DocumentItem key={f.fileId} id={f.fileId} index={i} authed known={f.name ? { name: f.name, size: f.size } : undefined} />
                      ))}
                    </ul>
                  ) : (
                    <p className={d.required ? 'small doc-missing' : 'small muted'}>{t('application.notFiled')}</p>
                  )}
                </li>
              );
            })}
            {extra.length > 0 && (
              <li className="doc-entry filed">
                <ul className="doc-list">
                  {extra.map((f, i) => (
                    <DocumentItem key={f.fileId} id={f.fileId} index={i} authed known={f.name ? { name: f.name, size: f.size } : undefined} />
                  ))}
                </ul>
              </li>
            )}
          </ul>
        )}
      </section>
    </div>
  );
}
