import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api';
import { ApiError } from '../api/client';
import {
  ORG_KINDS,
  ORG_ROLES,
  isRegisterKind,
  type CreatedInvitation,
  type Member,
  type OrganizationDetail,
  type OrgKind,
  type OrgRole,
} from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { CopyButton } from '../components/CopyButton';
import { OrgCertificate } from '../components/OrgCertificate';
import { DataTable } from '../components/DataTable';
import { Dialog } from '../components/Dialog';
import { FormAlert, SelectField, TextField } from '../components/Fields';
import {
  EvidenceFacts,
  EvidenceFields,
  evidenceInput,
  evidenceServerFields,
  evidenceValues,
  validateEvidence,
  EVIDENCE_FIELDS,
  type EvidenceField,
  type EvidenceValues,
} from '../components/Evidence';
import { RejectDialog } from './officer/VerificationQueue';
import { formatDateTime } from '../lib/format';
import { ErrorState, Loading, Notice, StatusBadge } from '../components/Status';
import { OrgDescription } from './market/OrgDescription';
import { formatDate } from '../lib/format';
import { fieldMessage, problemMessage } from '../lib/messages';
import { useAsync } from '../lib/useAsync';
import { useTitle } from '../lib/useTitle';
import {
  checkEmail,
  mapServerErrors,
  reportErrors,
  validateOrganization,
  type FieldErrors,
  type OrganizationValues,
} from '../lib/validation';

export default function OrganizationPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { me } = useAuth();
  const location = useLocation();
  const orgs = me?.organizations ?? [];
  // A message carried over from the previous screen (e.g. "You left …").
  const flash = (location.state as { notice?: string } | null)?.notice ?? null;

  if (id) return <OrganizationView id={id} flash={flash} />;
  if (orgs.length === 1) return <OrganizationView id={orgs[0].id} flash={flash} />;
  return (
    <OrganizationChooser
      title={orgs.length === 0 ? t('organization.title') : t('organization.chooseTitle')}
      flash={flash}
    />
  );
}

function OrganizationChooser({ title, flash }: { title: string; flash: string | null }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const orgs = me?.organizations ?? [];
  useTitle(title);
  return (
    <section className="page">
      <h1>{title}</h1>
      <Notice message={flash} />
      {orgs.length === 0 ? (
        <>
          <p>{t('organization.none')}</p>
          <p className="muted">{t('organization.noneHint')}</p>
        </>
      ) : (
        <>
          <p>{t('organization.chooseIntro')}</p>
          <ul className="org-list">
            {orgs.map((o) => (
              <li key={o.id} className="card">
                <Link to={`/organization/${encodeURIComponent(o.id)}`} className="org-link">
                  {o.name}
                </Link>
                <p className="muted">
                  {t(`orgKind.${o.kind}`)} · {t(`orgRole.${o.role}`)}
                </p>
                <StatusBadge status={o.status} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function OrganizationView({ id, flash }: { id: string; flash: string | null }) {
  const { t, i18n } = useTranslation();
  const { me, reload: reloadMe } = useAuth();
  const lang = i18n.language;
  const { data: org, error, loading, reload, setData } = useAsync(() => endpoints.organization(id), [id]);
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  useTitle(org?.name ?? t('organization.title'));

  // Another organisation: forget this one's form and messages.
  useEffect(() => {
    setEditing(false);
    setNotice(null);
  }, [id]);

  const mine = me?.organizations.find((o) => o.id === id);
  const myMember = org?.members.find((m) => m.userId === me?.user.id);
  const myRole: OrgRole | undefined = myMember?.role ?? mine?.role;
  const isOwner = myRole === 'owner';
  const others = (me?.organizations ?? []).filter((o) => o.id !== id);
  // Owners correct name and kind until the organisation is verified.
  const canEdit = isOwner && (org?.status === 'pending' || org?.status === 'rejected');
  const owners = org?.members.filter((m) => m.role === 'owner').length ?? 0;
  const canLeave = !!myMember && !(myMember.role === 'owner' && owners <= 1);

  function startEditing() {
    setNotice(null);
    setEditing(true);
  }

  function onSaved(updated: OrganizationDetail, resubmitted: boolean) {
    setData(updated);
    setEditing(false);
    setNotice(resubmitted ? t('organization.resubmitted') : t('organization.saved'));
    noticeRef.current?.focus();
    // The header and the organisation list show the status too.
    reloadMe().catch(() => null);
  }

  if (!org) {
    return (
      <section className="page">
        <h1>{t('organization.title')}</h1>
        {loading ? <Loading /> : <ErrorState message={problemMessage(t, error)} onRetry={reload} />}
      </section>
    );
  }

  return (
    <section className="page">
      <p className="eyebrow">{mine ? t('organization.title') : t('organization.other')}</p>
      <h1>{org.name}</h1>
      {org.status === 'verified' && (mine || myMember) && (
        <p className="public-page-link">
          <Link to={`/organizations/${encodeURIComponent(org.id)}`}>{t('publicOrg.publicPage')} →</Link>
        </p>
      )}
      <div ref={noticeRef} tabIndex={-1} className="notice-anchor">
        <Notice message={notice ?? flash} />
      </div>
      <dl className="facts">
        <div>
          <dt>{t('organization.kind')}</dt>
          <dd>{t(`orgKind.${org.kind}`)}</dd>
        </div>
        <div>
          <dt>{t('organization.status')}</dt>
          <dd>
            <StatusBadge status={org.status} />
          </dd>
        </div>
        <div>
          <dt>{t('organization.registeredAt')}</dt>
          <dd>{formatDate(org.createdAt, lang)}</dd>
        </div>
        {/* A resubmitted organisation keeps the date of the rejection; it is pending again. */}
        {org.decidedAt && org.status !== 'pending' && (
          <div>
            <dt>{t('organization.decidedAt')}</dt>
            <dd>{formatDate(org.decidedAt, lang)}</dd>
          </div>
        )}
        {myRole && (
          <div>
            <dt>{t('organization.yourRole')}</dt>
            <dd>{t(`orgRole.${myRole}`)}</dd>
          </div>
        )}
      </dl>

      <StatusExplanation org={org} member={!!mine} canEdit={canEdit} editing={editing} onEdit={startEditing} />

      {canEdit && editing && (
        <OrganizationEditForm
          org={org}
          onSaved={onSaved}
          onCancel={() => setEditing(false)}
          onReload={() => {
            setEditing(false);
            void reload();
          }}
        />
      )}

      <OrgDescription
        org={org}
        onSaved={(updated) => {
          setData(updated);
          setNotice(t('publicOrg.descriptionSaved'));
          noticeRef.current?.focus();
        }}
        onStale={() => void reload()}
      />

      <section className="section" aria-labelledby="evidence-title">
        <h2 id="evidence-title">{t('acct.evidence.section')}</h2>
        <EvidenceFacts org={org} />
        <OrgCertificate
          org={org}
          onChanged={(updated) => {
            setData(updated);
            setNotice(t('orgCertificate.uploaded', { name: updated.evidence?.certificate?.name ?? '' }));
          }}
          onRemoved={() => {
            setNotice(t('orgCertificate.removed'));
            void reload();
          }}
        />
      </section>

      {(org.can?.verify || org.can?.reject) && (
        <Decision
          org={org}
          onDecided={(updated, text) => {
            setData(updated);
            setNotice(text);
            noticeRef.current?.focus();
          }}
          onStale={() => void reload()}
        />
      )}

      <Members org={org} isOwner={isOwner} onChanged={reload} />

      {canLeave && me && <LeaveOrganization org={org} userId={me.user.id} />}

      {isOwner && <InviteForm orgId={org.id} onInvited={reload} />}
      {isOwner && <Invitations org={org} onChanged={reload} />}

      {others.length > 0 && (
        <nav className="section" aria-labelledby="other-orgs">
          <h2 id="other-orgs">{t('organization.switchOrganization')}</h2>
          <ul className="inline-list">
            {others.map((o) => (
              <li key={o.id}>
                <Link to={`/organization/${encodeURIComponent(o.id)}`}>{o.name}</Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </section>
  );
}

function StatusExplanation({
  org,
  member,
  canEdit,
  editing,
  onEdit,
}: {
  org: OrganizationDetail;
  /**
   * The viewer belongs to the organisation. The explanations speak to its
   * members ("your organisation…"); staff reading another organisation's
   * page see its status in the facts and only the reason of a rejection.
   */
  member: boolean;
  /** The viewer is an owner who may correct the details. */
  canEdit: boolean;
  /** The edit form is open (its button is not needed then). */
  editing: boolean;
  onEdit: () => void;
}) {
  const { t } = useTranslation();
  if (!member) {
    if (org.status !== 'rejected') return null;
    return (
      <div className="alert alert-error status-note">
        <h2 className="h3">{t('organization.rejectedTitle')}</h2>
        <p>{t('organization.rejectedText')}</p>
        {org.rejectReason && <blockquote className="reason">{org.rejectReason}</blockquote>}
      </div>
    );
  }
  if (org.status === 'pending') {
    return (
      <div className="alert alert-info status-note">
        <h2 className="h3">{t('organization.pendingTitle')}</h2>
        <p>{t('organization.pendingText')}</p>
        {canEdit && !editing && (
          <p className="actions">
            <button type="button" className="btn btn-secondary" onClick={onEdit}>
              {t('organization.edit')}
            </button>
          </p>
        )}
      </div>
    );
  }
  if (org.status === 'rejected') {
    return (
      <div className="alert alert-error status-note">
        <h2 className="h3">{t('organization.rejectedTitle')}</h2>
        <p>{t('organization.rejectedText')}</p>
        {org.rejectReason && <blockquote className="reason">{org.rejectReason}</blockquote>}
        {canEdit ? (
          <>
            <p>{t('organization.rejectedHelpOwner')}</p>
            {!editing && (
              <p className="actions">
                <button type="button" className="btn btn-primary" onClick={onEdit}>
                  {t('organization.resubmit')}
                </button>
              </p>
            )}
          </>
        ) : (
          <p>{t('organization.rejectedHelp')}</p>
        )}
      </div>
    );
  }
  return (
    <div className="alert alert-success status-note">
      <p>{t('organization.verifiedText')}</p>
    </div>
  );
}

type OrgField = keyof OrganizationValues;

/** Owners correct name and kind; for a rejected organisation this resubmits it. */
function OrganizationEditForm({
  org,
  onSaved,
  onCancel,
  onReload,
}: {
  org: OrganizationDetail;
  onSaved: (updated: OrganizationDetail, resubmitted: boolean) => void;
  onCancel: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const resubmit = org.status === 'rejected';
  const [values, setValues] = useState<OrganizationValues>({ name: org.name, kind: isRegisterKind(org.kind) ? org.kind : '' });
  const [evidence, setEvidence] = useState<EvidenceValues>(evidenceValues(org.evidence));
  const [evidenceErrors, setEvidenceErrors] = useState<FieldErrors<EvidenceField>>({});
  const [errors, setErrors] = useState<FieldErrors<OrgField>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const kindRef = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    nameRef.current?.focus();
  }, []);

  function focusFirst(errs: FieldErrors<OrgField>, evErrs: FieldErrors<EvidenceField> = {}) {
    if (errs.name) nameRef.current?.focus();
    else if (errs.kind) kindRef.current?.focus();
    else {
      const ev = EVIDENCE_FIELDS.find((f) => evErrs[f]);
      if (ev) document.getElementById(`org-evidence-${ev}`)?.focus();
    }
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const errs = validateOrganization(values);
    const evErrs = validateEvidence(evidence);
    setErrors(errs);
    setEvidenceErrors(evErrs);
    setStale(false);
    if (!reportErrors(t, { ...errs, ...evErrs }, setFormError, () => focusFirst(errs, evErrs))) return;
    setBusy(true);
    try {
      const updated = await endpoints.updateOrganization(
        org.id,
        { name: values.name.trim(), kind: values.kind as OrgKind, evidence: evidenceInput(evidence) },
        org.version,
      );
      onSaved(updated, resubmit);
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.status === 412) {
        // Someone else changed the organisation since this page loaded.
        setStale(true);
        return;
      }
      if (err instanceof ApiError) {
        const { fieldErrors, other } = mapServerErrors(err.errors, { name: 'name', kind: 'kind' } as const);
        const { fieldErrors: evErrs } = mapServerErrors(other, evidenceServerFields('evidence.'));
        if (!reportErrors(t, { ...fieldErrors, ...evErrs }, setFormError, () => focusFirst(fieldErrors, evErrs))) {
          setErrors(fieldErrors);
          setEvidenceErrors(evErrs);
          return;
        }
      }
      setFormError(problemMessage(t, err));
    }
  }

  return (
    <section className="section" aria-labelledby="edit-org-title">
      <h2 id="edit-org-title">{resubmit ? t('organization.resubmitTitle') : t('organization.editTitle')}</h2>
      <p>{resubmit ? t('organization.resubmitIntro') : t('organization.editIntro')}</p>
      <form className="form card form-narrow" onSubmit={onSubmit} noValidate aria-busy={busy}>
        <FormAlert message={formError} />
        <div role="alert">
          {stale && (
            <div className="alert alert-warning">
              <p>{t('organization.stale')}</p>
              <button type="button" className="btn btn-secondary" onClick={onReload}>
                {t('organization.reloadDetails')}
              </button>
            </div>
          )}
        </div>
        <TextField
          id="org-name"
          label={t('organization.name')}
          required
          autoComplete="organization"
          inputRef={nameRef}
          value={values.name}
          onChange={(e) => setValues((v) => ({ ...v, name: e.target.value }))}
          error={fieldMessage(t, errors.name)}
        />
        <SelectField
          id="org-kind"
          label={t('organization.kind')}
          required
          selectRef={kindRef}
          value={values.kind}
          onChange={(e) => setValues((v) => ({ ...v, kind: e.target.value as OrgKind | '' }))}
          error={fieldMessage(t, errors.kind)}
        >
          {ORG_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`orgKind.${k}`)}
            </option>
          ))}
        </SelectField>
        <fieldset>
          <legend>{t('acct.evidence.section')}</legend>
          <EvidenceFields
            idPrefix="org-evidence"
            values={evidence}
            errors={evidenceErrors}
            onChange={(f, v) => {
              setEvidence((prev) => ({ ...prev, [f]: v }));
              if (evidenceErrors[f]) setEvidenceErrors((prev) => ({ ...prev, [f]: undefined }));
            }}
            onBlurField={(f) => setEvidenceErrors((prev) => ({ ...prev, [f]: validateEvidence(evidence)[f] }))}
          />
        </fieldset>
        <p className="actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('common.working') : resubmit ? t('organization.resubmitSubmit') : t('organization.saveChanges')}
          </button>
          <button type="button" className="btn btn-secondary" onClick={onCancel} disabled={busy}>
            {t('common.cancel')}
          </button>
        </p>
      </form>
    </section>
  );
}

/** A member leaves: DELETE of their own membership, after a confirmation. */
function LeaveOrganization({ org, userId }: { org: OrganizationDetail; userId: string }) {
  const { t } = useTranslation();
  const { reload: reloadMe } = useAuth();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirmLeave() {
    setBusy(true);
    setError(null);
    try {
      await endpoints.removeMember(org.id, userId);
    } catch (err) {
      // 409 (the last owner, say): the reason, in the dialog.
      setError(problemMessage(t, err));
      setBusy(false);
      return;
    }
    await reloadMe().catch(() => null);
    navigate('/organization', { replace: true, state: { notice: t('organization.left', { name: org.name }) } });
  }

  return (
    <section className="section" aria-labelledby="leave-title">
      <h2 id="leave-title">{t('organization.leaveTitle')}</h2>
      <p>{t('organization.leaveText')}</p>
      <p className="actions">
        <button
          type="button"
          className="btn btn-danger"
          onClick={() => {
            setError(null);
            setOpen(true);
          }}
        >
          {t('organization.leave')}
        </button>
      </p>
      <Dialog
        open={open}
        title={t('organization.leaveConfirmTitle', { name: org.name })}
        onClose={() => {
          if (!busy) setOpen(false);
        }}
      >
        <p>{t('organization.leaveConfirm', { name: org.name })}</p>
        <FormAlert message={error} />
        <p className="actions dialog-actions">
          <button type="button" className="btn btn-secondary" onClick={() => setOpen(false)} disabled={busy}>
            {t('common.cancel')}
          </button>
          <button type="button" className="btn btn-danger" onClick={confirmLeave} disabled={busy}>
            {busy ? t('common.working') : t('organization.leave')}
          </button>
        </p>
      </Dialog>
    </section>
  );
}

function Members({ org, isOwner, onChanged }: { org: OrganizationDetail; isOwner: boolean; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const { me, reload: reloadMe, hasRole } = useAuth();
  const staff = hasRole('officer', 'admin');
  const [issued, setIssued] = useState<{ name: string; url?: string; time: string } | null>(null);

  async function issueReset(m: Member) {
    setError(null);
    setNotice(null);
    setIssued(null);
    try {
      const r = await endpoints.issuePasswordReset(m.userId);
      setIssued({ name: m.fullName || m.email, url: r.url, time: formatDateTime(r.expiresAt, i18n.language) });
    } catch (err) {
      setNotice(problemMessage(t, err));
    }
  }
  const navigate = useNavigate();
  const [removing, setRemoving] = useState<Member | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const owners = org.members.filter((m) => m.role === 'owner').length;

  async function confirmRemove() {
    if (!removing) return;
    setBusy(true);
    setError(null);
    try {
      await endpoints.removeMember(org.id, removing.userId);
      const name = removing.fullName || removing.email;
      setRemoving(null);
      setNotice(t('organization.removed', { name }));
      if (removing.userId === me?.user.id) {
        await reloadMe().catch(() => null);
        navigate('/organization', { replace: true });
        return;
      }
      onChanged();
    } catch (err) {
      setError(problemMessage(t, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="section" aria-labelledby="members-title">
      <h2 id="members-title">{t('organization.membersTitle')}</h2>
      <Notice message={notice} />
      <DataTable
        columns={[
          t('organization.memberName'),
          t('organization.memberEmail'),
          t('organization.memberRole'),
          t('organization.memberJoined'),
        ]}
        actions={isOwner || staff}
      >
        {org.members.map((m) => {
          const lastOwner = m.role === 'owner' && owners <= 1;
          const name = m.fullName || m.email;
          return (
            <tr key={m.userId}>
              <td data-label={t('organization.memberName')}>
                {name} {m.userId === me?.user.id && <span className="muted">{t('organization.you')}</span>}
              </td>
              <td data-label={t('organization.memberEmail')} className="break">
                {m.email}
              </td>
              <td data-label={t('organization.memberRole')}>{t(`orgRole.${m.role}`)}</td>
              <td data-label={t('organization.memberJoined')}>{formatDate(m.joinedAt, i18n.language)}</td>
              {(isOwner || staff) && (
                <td className="cell-actions">
                  {staff && m.userId !== me?.user.id && (
                    <button
                      type="button"
                      className="btn btn-secondary btn-small"
                      aria-label={t('acct.issue.label', { name })}
                      onClick={() => void issueReset(m)}
                    >
                      {t('acct.issue.button')}
                    </button>
                  )}
                  {/* The last owner cannot be removed; the hint under the table says so. */}
                  {isOwner && !lastOwner && (
                    <button
                      type="button"
                      className="btn btn-danger btn-small"
                      aria-label={t('organization.removeLabel', { name })}
                      onClick={() => {
                        setError(null);
                        setRemoving(m);
                      }}
                    >
                      {t('organization.remove')}
                    </button>
                  )}
                </td>
              )}
            </tr>
          );
        })}
      </DataTable>
      {issued && (
        <div className="alert alert-info" role="status" data-testid="issued-reset">
          {issued.url ? (
            <>
              <p>{t('acct.issue.shownOnce', { name: issued.name, time: issued.time })}</p>
              <p className="issued-link">
                <code>{issued.url}</code> <CopyButton text={issued.url} />
              </p>
            </>
          ) : (
            <p>{t('acct.issue.emailed', { name: issued.name, time: issued.time })}</p>
          )}
        </div>
      )}
      {isOwner && owners <= 1 && (
        <p className="hint">
          {t('organization.lastOwnerHint')}
        </p>
      )}
      <Dialog
        open={!!removing}
        title={t('organization.remove')}
        onClose={() => {
          if (!busy) setRemoving(null);
        }}
      >
        <p>{t('organization.removeConfirm', { name: removing?.fullName || removing?.email })}</p>
        <FormAlert message={error} />
        <p className="actions dialog-actions">
          <button type="button" className="btn btn-secondary" onClick={() => setRemoving(null)} disabled={busy}>
            {t('common.cancel')}
          </button>
          <button type="button" className="btn btn-danger" onClick={confirmRemove} disabled={busy}>
            {busy ? t('common.working') : t('organization.remove')}
          </button>
        </p>
      </Dialog>
    </section>
  );
}

function InviteForm({ orgId, onInvited }: { orgId: string; onInvited: () => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<OrgRole>('member');
  const [errors, setErrors] = useState<FieldErrors<'email' | 'role'>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CreatedInvitation | null>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const emailProblem = checkEmail(email);
    if (emailProblem) {
      setErrors({ email: emailProblem });
      setFormError(t('form.fixErrors', { count: 1 }));
      document.getElementById('invite-email')?.focus();
      return;
    }
    setErrors({});
    setFormError(null);
    setBusy(true);
    try {
      const res = await endpoints.invite(orgId, email.trim(), role);
      setCreated(res);
      setEmail('');
      onInvited();
    } catch (err) {
      if (err instanceof ApiError) {
        const { fieldErrors } = mapServerErrors(err.errors, { email: 'email', role: 'role' } as const);
        setErrors(fieldErrors);
        if (fieldErrors.email) document.getElementById('invite-email')?.focus();
      }
      setFormError(problemMessage(t, err));
      setCreated(null);
    } finally {
      setBusy(false);
    }
  }

  const emailError = fieldMessage(t, errors.email);

  return (
    <section className="section" aria-labelledby="invite-title">
      <h2 id="invite-title">{t('organization.inviteTitle')}</h2>
      <form className="form form-inline" onSubmit={onSubmit} noValidate aria-busy={busy}>
        <FormAlert message={formError} />
        <div className="form-row">
          <TextField
            id="invite-email"
            label={t('organization.inviteEmail')}
            type="email"
            inputMode="email"
            autoComplete="off"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={emailError}
          />
          <SelectField
            id="invite-role"
            label={t('organization.inviteRole')}
            value={role}
            onChange={(e) => setRole(e.target.value as OrgRole)}
            error={fieldMessage(t, errors.role)}
          >
            {ORG_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`orgRole.${r}`)}
              </option>
            ))}
          </SelectField>
          <div className="field field-submit">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? t('organization.inviteSubmitting') : t('organization.inviteSubmit')}
            </button>
          </div>
        </div>
      </form>
      <div role="status" aria-live="polite">
        {created && (
          <div className="alert alert-success invite-result">
            <p>{t('organization.inviteCreated', { email: created.invitation.email })}</p>
            <label htmlFor="invite-link">{t('organization.inviteLink')}</label>
            <div className="copy-row">
              <textarea
                id="invite-link"
                className="mono"
                readOnly
                rows={2}
                value={created.acceptUrl}
                onFocus={(e) => e.currentTarget.select()}
              />
              <CopyButton text={created.acceptUrl} inputId="invite-link" />
            </div>
            <p className="hint">
              {created.emailSent ? t('organization.inviteEmailSent') : t('organization.inviteEmailNotSent')}
            </p>
          </div>
        )}
      </div>
    </section>
  );
}

function Invitations({ org, onChanged }: { org: OrganizationDetail; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const invitations = org.invitations ?? [];

  async function revoke(invId: string, email: string) {
    setBusyId(invId);
    setError(null);
    try {
      await endpoints.revokeInvitation(org.id, invId);
      setNotice(t('organization.revoked', { email }));
      onChanged();
    } catch (err) {
      setError(problemMessage(t, err));
    } finally {
      setBusyId(null);
    }
  }

  return (
    <section className="section" aria-labelledby="invitations-title">
      <h2 id="invitations-title">{t('organization.invitationsTitle')}</h2>
      <FormAlert message={error} />
      <Notice message={notice} />
      {invitations.length === 0 ? (
        <p className="muted">{t('organization.invitationsEmpty')}</p>
      ) : (
        <DataTable
          columns={[
            t('organization.invitationEmail'),
            t('organization.invitationRole'),
            t('organization.invitationCreated'),
            t('organization.invitationExpires'),
          ]}
          actions
        >
          {invitations.map((inv) => (
            <tr key={inv.id}>
              <td data-label={t('organization.invitationEmail')} className="break">
                {inv.email}
              </td>
              <td data-label={t('organization.invitationRole')}>{t(`orgRole.${inv.role}`)}</td>
              <td data-label={t('organization.invitationCreated')}>{formatDate(inv.createdAt, i18n.language)}</td>
              <td data-label={t('organization.invitationExpires')}>{formatDate(inv.expiresAt, i18n.language)}</td>
              <td className="cell-actions">
                <button
                  type="button"
                  className="btn btn-secondary btn-small"
                  disabled={busyId === inv.id}
                  aria-label={t('organization.revokeLabel', { email: inv.email })}
                  onClick={() => revoke(inv.id, inv.email)}
                >
                  {t('organization.revoke')}
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

/** An officer decides on the organisation's page, after reading its details: the server says what may be done. */
function Decision({
  org,
  onDecided,
  onStale,
}: {
  org: OrganizationDetail;
  onDecided: (org: OrganizationDetail, text: string) => void;
  onStale: () => void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState(false);

  async function verify() {
    setBusy(true);
    setError(null);
    try {
      const updated = await endpoints.verify(org.id, org.version);
      onDecided(updated, t('acct.decide.verified', { name: org.name }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) {
        setError(t('queue.stale'));
        onStale();
      } else setError(problemMessage(t, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="section card" aria-labelledby="decide-title">
      <h2 id="decide-title">{t('acct.decide.title')}</h2>
      <p>{t('acct.decide.intro')}</p>
      <FormAlert message={error} />
      <p className="actions button-row">
        {org.can?.verify && (
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void verify()}>
            {busy ? t('common.working') : t('acct.decide.verify')}
          </button>
        )}
        {org.can?.reject && (
          <button type="button" className="btn btn-danger" disabled={busy} onClick={() => setRejecting(true)}>
            {t('acct.decide.reject')}
          </button>
        )}
      </p>
      <RejectDialog
        org={rejecting ? org : null}
        onClose={() => setRejecting(false)}
        onDone={async () => {
          setRejecting(false);
          const updated = await endpoints.organization(org.id);
          onDecided(updated, t('acct.decide.rejected', { name: org.name }));
        }}
        onStale={() => {
          setRejecting(false);
          setError(t('queue.stale'));
          onStale();
        }}
      />
    </section>
  );
}
