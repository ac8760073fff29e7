// The application's API client and typed endpoint helpers.
import i18n from '../i18n';
import { API_BASE, ApiClient } from './client';
import type {
  AppConfig,
  Application,
  ApplicationPage,
  ApplicationFilter,
  ApplicationInput,
  DecideInput,
  ReviewerCandidate,
  ScoresInput,
  SupportDashboard,
  PublicResults,
  Market,
  PublicOrganization,
  NextSteps,
  AuditEntry,
  Connection,
  ConnectionAction,
  ConnectionState,
  InterestInput,
  ItemList,
  MatchList,
  Message,
  NotificationPage,
  NotificationPreferences,
  Pipeline,
  Program,
  Synonym,
  SynonymInput,
  ProgramBudget,
  ProgramInput,
  ProgramState,
  ProposedMatch,
  RegistrationFilter,
  RegistrationInput,
  ImplementationStatus,
  Transfer,
  TransferContent,
  TransferDocument,
  TransferInput,
  CreatedInvitation,
  Listing,
  ListingAction,
  ListingFile,
  ListingInput,
  ListingKind,
  ListingState,
  Me,
  IssuedReset,
  Organization,
  OrganizationDetail,
  OrgKind,
  OrgRole,
  OrgStatus,
  Page,
  BackupEntry,
  Backups,
  PlatformRole,
  PublicInvitation,
  RegisterRequest,
  RegisterResponse,
  SearchResult,
  Suggestion,
  Taxonomy,
  TokenPair,
  Plan,
  PlanInput,
  PlanProgress,
  ProvincialFormat,
  Report,
  ReportInput,
  ReportState,
  User,
} from './types';

export const api = new ApiClient({ getLanguage: () => i18n.language || 'vi' });

const enc = encodeURIComponent;

/** Quotes a version for If-Match, the way the server's ETag carries it. */
export function ifMatch(version: number | string): Record<string, string> {
  return { 'If-Match': `"${version}"` };
}

/** The address of a listing's file (or its 480 px JPEG thumbnail), for <img src> when it is public. */
export function fileUrl(id: string, thumbnail = false): string {
  return `${API_BASE}/files/${enc(id)}${thumbnail ? '/thumbnail' : ''}`;
}

/** The file name in a Content-Disposition header (RFC 6266, with filename*). */
export function dispositionName(header: string | null): string | undefined {
  if (!header) return undefined;
  const ext = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (ext) {
    try {
      return decodeURIComponent(ext[2].trim());
    } catch {
      /* fall through to the plain form */
    }
  }
  const plain = /filename\s*=\s*("((?:[^"\\]|\\.)*)"|[^;]+)/i.exec(header);
  if (!plain) return undefined;
  return plain[2] !== undefined ? plain[2].replace(/\\(.)/g, '$1') : plain[1].trim();
}

const FILE_ACCEPT = { Accept: '*/*' };

/** Lists whose answer has no page numbers get the ones asked for, so PagedTable can page them. */
function paged<T>(p: Promise<ItemList<T>>, page: number, pageSize: number): Promise<Page<T>> {
  return p.then((r) => ({ ...r, items: r.items ?? [], page: r.page ?? page, pageSize: r.pageSize ?? pageSize }));
}

export interface ConnectionFilter {
  scope: 'mine' | 'all';
  state?: ConnectionState;
  stale?: boolean;
  listingId?: string;
}

export const endpoints = {
  config: () => api.get<AppConfig>('/config', undefined, { auth: false }),
  login: (email: string, password: string) =>
    api.post<TokenPair>('/auth/login', { email, password }, { auth: false }),
  register: (req: RegisterRequest) => api.post<RegisterResponse>('/auth/register', req, { auth: false }),
  logout: (refreshToken: string) => api.post<void>('/auth/logout', { refreshToken }, { auth: false }),
  me: () => api.get<Me>('/me'),
  /** Always 202: the answer never says whether the e-mail has an account. */
  requestPasswordReset: (email: string) => api.post<void>('/auth/password-reset', { email }, { auth: false }),
  /** Sets the password through a reset link; every session of the account ends. */
  confirmPasswordReset: (token: string, password: string) =>
    api.post<void>('/auth/password-reset/confirm', { token, password }, { auth: false }),
  /** Officers and admins: a reset link for a person, shown once when no mail server is configured. */
  issuePasswordReset: (userId: string) => api.post<IssuedReset>(`/users/${enc(userId)}/password-reset`),
  /** Answers a new token pair; every other session of the account ends. */
  changePassword: (currentPassword: string, newPassword: string) =>
    api.post<TokenPair>('/me/password', { currentPassword, newPassword }),

  organizations: (status: OrgStatus, page: number, pageSize: number) =>
    api.get<Page<Organization>>('/organizations', { status, page, pageSize }),
  organization: (id: string) => api.get<OrganizationDetail>(`/organizations/${enc(id)}`),
  /** Owners correct name and kind before verification; a rejected organisation returns to pending. */
  updateOrganization: (id: string, changes: { name: string; kind: OrgKind; evidence?: Organization['evidence'] }, version?: number) =>
    api.patch<OrganizationDetail>(`/organizations/${enc(id)}`, changes, { headers: version ? ifMatch(version) : {} }),
  /** What the organisation's public page says of it (owners, in any status). */
  setOrganizationDescription: (id: string, description: string, version: number) =>
    api.put<OrganizationDetail>(`/organizations/${enc(id)}/description`, { description }, { headers: ifMatch(version) }),
  /** The scan of the organisation's certificate, replacing the previous one (owners, before verification). */
  uploadOrgCertificate: (id: string, file: File, version: number) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.post<OrganizationDetail>(`/organizations/${enc(id)}/certificate`, form, { headers: ifMatch(version) });
  },
  deleteOrgCertificate: (id: string, version: number) =>
    api.del(`/organizations/${enc(id)}/certificate`, { headers: ifMatch(version) }),
  verify: (id: string, version: number) =>
    api.post<OrganizationDetail>(`/organizations/${enc(id)}/verify`, undefined, { headers: ifMatch(version) }),
  reject: (id: string, version: number, reason: string) =>
    api.post<OrganizationDetail>(`/organizations/${enc(id)}/reject`, { reason }, { headers: ifMatch(version) }),
  invite: (orgId: string, email: string, role: OrgRole) =>
    api.post<CreatedInvitation>(`/organizations/${enc(orgId)}/invitations`, { email, role }),
  revokeInvitation: (orgId: string, invitationId: string) =>
    api.del(`/organizations/${enc(orgId)}/invitations/${enc(invitationId)}`),
  /** Owners remove a member; anyone may pass their own id to leave. */
  removeMember: (orgId: string, userId: string) => api.del(`/organizations/${enc(orgId)}/members/${enc(userId)}`),

  invitation: (token: string) => api.get<PublicInvitation>(`/invitations/${enc(token)}`, undefined, { auth: false }),
  acceptInvitation: (token: string) =>
    api.post<{ organization: { id: string; name: string } }>('/invitations/accept', { token }),

  users: (q: string, page: number, pageSize: number) => api.get<Page<User>>('/users', { q, page, pageSize }),
  setRoles: (id: string, roles: PlatformRole[], version?: number) =>
    api.put<User>(`/users/${enc(id)}/roles`, { roles }, { headers: version ? ifMatch(version) : {} }),
  backups: () => api.get<Backups>('/admin/backups'),
  backupNow: () => api.post<BackupEntry>('/admin/backups'),
  exportNow: () => api.post<BackupEntry>('/admin/exports'),

  /** Reference data; public and cacheable (see lib/taxonomy). */
  taxonomy: () => api.get<Taxonomy>('/taxonomy', undefined, { auth: false }),
  createListing: (input: ListingInput) => api.post<Listing>('/listings', input),
  /**
   * The full record for its organisation and officers, the public view for
   * everyone else. The public view is cacheable but the response does not
   * vary by Authorization, so the browser must revalidate: after logging in,
   * an owner would otherwise get the public copy it cached as a visitor.
   */
  listing: (id: string) => api.get<Listing>(`/listings/${enc(id)}`, undefined, { cache: 'no-cache' }),
  updateListing: (id: string, input: ListingInput, version: number) =>
    api.patch<Listing>(`/listings/${enc(id)}`, input, { headers: ifMatch(version) }),
  deleteListing: (id: string, version: number) => api.del(`/listings/${enc(id)}`, { headers: ifMatch(version) }),
  listingAction: (id: string, action: ListingAction, version: number) =>
    api.post<Listing>(`/listings/${enc(id)}/${action}`, undefined, { headers: ifMatch(version) }),
  rejectListing: (id: string, reason: string, comment: string, version: number) =>
    api.post<Listing>(`/listings/${enc(id)}/reject`, { reason, comment }, { headers: ifMatch(version) }),
  myListings: (filter: { state?: ListingState; kind?: ListingKind }, page: number, pageSize: number) =>
    api.get<Page<Listing>>('/listings', { owner: 'me', ...filter, page, pageSize }),
  /** Officers: listings in one state; pending ones oldest first (the moderation queue). */
  listingsByState: (state: ListingState, page: number, pageSize: number) =>
    api.get<Page<Listing>>('/listings', { state, page, pageSize }),
  /** Public search; `query` is built by lib/searchState (multi-valued filters comma-separated). */
  search: (query: Record<string, string | number | undefined>, signal?: AbortSignal) =>
    api.get<SearchResult>('/search', query, { auth: false, signal }),
  suggest: (q: string, signal?: AbortSignal) =>
    api.get<{ suggestions: Suggestion[] }>('/search/suggest', { q }, { auth: false, signal }),

  /** Uploads one image or PDF as multipart field "file". */
  uploadFile: (listingId: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.post<ListingFile>(`/listings/${enc(listingId)}/files`, form);
  },
  deleteFile: (listingId: string, fileId: string) => api.del(`/listings/${enc(listingId)}/files/${enc(fileId)}`),
  /** A file's bytes with the session's token (files of unpublished listings are not public). */
  fileBlob: async (id: string, thumbnail = false, auth = true) =>
    (await api.raw(fileUrl(id, thumbnail).slice(API_BASE.length), { auth, headers: FILE_ACCEPT })).blob(),
  /** A file's name and size from the response headers only: the body is not read. */
  fileInfo: async (id: string, auth = true): Promise<{ name?: string; size?: number; type?: string }> => {
    const res = await api.raw(fileUrl(id).slice(API_BASE.length), { auth, headers: FILE_ACCEPT });
    const length = Number(res.headers.get('Content-Length'));
    const info = {
      name: dispositionName(res.headers.get('Content-Disposition')),
      size: Number.isFinite(length) && length > 0 ? length : undefined,
      type: res.headers.get('Content-Type') ?? undefined,
    };
    void res.body?.cancel().catch(() => undefined);
    return info;
  },

  synonyms: () => api.get<{ rules: Synonym[] }>('/synonyms'),
  createSynonym: (input: SynonymInput) => api.post<Synonym>('/synonyms', input),
  updateSynonym: (id: string, input: SynonymInput, version: number) =>
    api.patch<Synonym>(`/synonyms/${enc(id)}`, input, { headers: ifMatch(version) }),
  deleteSynonym: (id: string, version: number) => api.del(`/synonyms/${enc(id)}`, { headers: ifMatch(version) }),

  audit: (filter: { subject?: string; actor?: string; action?: string }, page: number, pageSize: number) =>
    api.get<Page<AuditEntry>>('/audit', { ...filter, page, pageSize }),

  // --- Matching, connections, transfers, notifications, pipeline ------------

  /** Offers for a need, needs for an offer, best first. */
  matches: (listingId: string, limit = 10) =>
    api.get<MatchList>(`/listings/${enc(listingId)}/matches`, { limit }).then((r) => r.matches ?? []),
  /** The matches with whom they are for (owner, officer or visitor). */
  matchList: (listingId: string, limit = 10) => api.get<MatchList>(`/listings/${enc(listingId)}/matches`, { limit }),
  /** Officers pair a need with an offer by hand. */
  proposeMatch: (needId: string, offerId: string, note: string) =>
    api.post<ProposedMatch>('/matches', { needId, offerId, note }),

  expressInterest: (listingId: string, input: InterestInput) =>
    api.post<Connection>(`/listings/${enc(listingId)}/interests`, input),
  connections: (filter: ConnectionFilter, page: number, pageSize: number) =>
    paged(
      api.get<ItemList<Connection>>('/connections', {
        scope: filter.scope,
        state: filter.state,
        stale: filter.stale ? 'true' : undefined,
        listingId: filter.listingId,
        page,
        pageSize,
      }),
      page,
      pageSize,
    ),
  connection: (id: string) => api.get<Connection>(`/connections/${enc(id)}`),
  /** accept, negotiate, agree take no body; decline takes a reason (and comment), close an optional comment. */
  connectionAction: (id: string, action: ConnectionAction, body?: { reason?: string; comment?: string }) =>
    api.post<Connection>(`/connections/${enc(id)}/${action}`, body),
  messages: (connectionId: string) =>
    api.get<{ items: Message[] }>(`/connections/${enc(connectionId)}/messages`).then((r) => r.items ?? []),
  postMessage: (connectionId: string, body: string) =>
    api.post<Message>(`/connections/${enc(connectionId)}/messages`, { body }),

  createTransfer: (input: TransferInput) => api.post<Transfer>('/transfers', input),
  transfers: (filter: { scope: 'mine' | 'all'; registration?: RegistrationFilter }, page: number, pageSize: number) =>
    paged(api.get<ItemList<Transfer>>('/transfers', { ...filter, page, pageSize }), page, pageSize),
  transfer: (id: string) => api.get<Transfer>(`/transfers/${enc(id)}`),
  updateTransfer: (id: string, changes: Partial<TransferContent>, version: number) =>
    api.patch<Transfer>(`/transfers/${enc(id)}`, changes, { headers: ifMatch(version) }),
  recordRegistration: (id: string, input: RegistrationInput) =>
    api.post<Transfer>(`/transfers/${enc(id)}/registration`, input),
  recordImplementation: (id: string, status: ImplementationStatus, outcome?: string) =>
    api.post<Transfer>(`/transfers/${enc(id)}/implementation`, { status, outcome }),
  uploadTransferFile: (transferId: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.post<TransferDocument>(`/transfers/${enc(transferId)}/files`, form);
  },
  deleteTransferFile: (transferId: string, fileId: string) =>
    api.del(`/transfers/${enc(transferId)}/files/${enc(fileId)}`),
  deleteApplicationFile: (applicationId: string, fileId: string) =>
    api.del(`/support/applications/${enc(applicationId)}/files/${enc(fileId)}`),

  notifications: (page: number, pageSize: number) => api.get<NotificationPage>('/notifications', { page, pageSize }),
  unreadCount: () => api.get<{ unread: number }>('/notifications/unread').then((r) => r.unread ?? 0),
  markRead: (which: { ids: string[] } | { all: true }) =>
    api.post<{ unread: number }>('/notifications/read', which).then((r) => r.unread ?? 0),
  notificationPreferences: () => api.get<NotificationPreferences>('/me/notification-preferences'),
  setNotificationPreferences: (prefs: NotificationPreferences) =>
    api.put<NotificationPreferences>('/me/notification-preferences', prefs),

  pipeline: (filter: { sector?: string; from?: string; to?: string }) => api.get<Pipeline>('/pipeline', filter),

  // --- Support programmes --------------------------------------------------

  /** Published programmes; officers also get drafts (or one state). */
  programs: (state: ProgramState | undefined, page: number, pageSize: number) =>
    paged(api.get<ItemList<Program>>('/support/programs', { state, page, pageSize }), page, pageSize),
  program: (id: string) => api.get<Program>(`/support/programs/${enc(id)}`, undefined, { cache: 'no-cache' }),
  programBudget: (id: string) => api.get<ProgramBudget>(`/support/programs/${enc(id)}/budget`, undefined, { cache: 'no-cache' }),
  createProgram: (input: ProgramInput) => api.post<Program>('/support/programs', input),
  updateProgram: (id: string, input: ProgramInput, version: number) =>
    api.patch<Program>(`/support/programs/${enc(id)}`, input, { headers: ifMatch(version) }),
  publishProgram: (id: string, version: number) =>
    api.post<Program>(`/support/programs/${enc(id)}/publish`, undefined, { headers: ifMatch(version) }),

  // --- Support applications ------------------------------------------------

  applications: (filter: ApplicationFilter, page: number, pageSize: number): Promise<ApplicationPage> =>
    paged(api.get<ItemList<Application> & Pick<ApplicationPage, 'counts'>>('/support/applications', { ...filter, page, pageSize }), page, pageSize),
  application: (id: string) => api.get<Application>(`/support/applications/${enc(id)}`, undefined, { cache: 'no-cache' }),
  createApplication: (input: ApplicationInput) => api.post<Application>('/support/applications', input),
  updateApplication: (id: string, input: ApplicationInput, version: number) =>
    api.patch<Application>(`/support/applications/${enc(id)}`, input, { headers: ifMatch(version) }),
  /** Files a document under a checklist entry (multipart "file" and "code"). */
  uploadApplicationFile: (id: string, code: string, file: File) => {
    const form = new FormData();
    form.append('code', code);
    form.append('file', file, file.name);
    return api.post<{ id: string; name: string }>(`/support/applications/${enc(id)}/files`, form);
  },
  /** The steps without a body: the applicant submits or withdraws, an officer starts the check. */
  applicationStep: (id: string, step: 'submit' | 'withdraw' | 'check', version?: number) =>
    api.post<Application>(`/support/applications/${enc(id)}/${step}`, undefined, { headers: version ? ifMatch(version) : {} }),
  returnApplication: (id: string, reason: string, version?: number) =>
    api.post<Application>(`/support/applications/${enc(id)}/return`, { reason }, { headers: version ? ifMatch(version) : {} }),
  reviewers: (applicationId: string) =>
    api.get<{ items: ReviewerCandidate[] }>('/support/reviewers', { applicationId }).then((r) => r.items ?? []),
  assignReviewers: (id: string, reviewerIds: string[]) =>
    api.post<Application>(`/support/applications/${enc(id)}/assign-reviewers`, { reviewerIds }),
  submitScores: (id: string, input: ScoresInput) => api.post<Application>(`/support/applications/${enc(id)}/scores`, input),
  /** `key` is the Idempotency-Key of one officer's click: the same key again is the same decision. */
  decide: (id: string, input: DecideInput, key: string) =>
    api.post<Application>(`/support/applications/${enc(id)}/decide`, input, { headers: { 'Idempotency-Key': key } }),
  signAgreement: (id: string, input: { number: string; signedOn: string }) =>
    api.post<Application>(`/support/applications/${enc(id)}/agreement`, input),
  disburse: (id: string, input: { amount: number; on: string; note?: string }, key: string) =>
    api.post<Application>(`/support/applications/${enc(id)}/disbursements`, input, { headers: { 'Idempotency-Key': key } }),
  requestAcceptance: (id: string, report: string) =>
    api.post<Application>(`/support/applications/${enc(id)}/acceptance-request`, { report }),
  recordAcceptance: (id: string, input: { outcome: 'accepted' | 'not_accepted'; on: string; note?: string }) =>
    api.post<Application>(`/support/applications/${enc(id)}/acceptance`, input),
  closeApplication: (id: string, note?: string) =>
    api.post<Application>(`/support/applications/${enc(id)}/close`, note ? { note } : {}),
  /** The printable decision or agreement, fetched with the session's token. */
  applicationPaper: async (id: string, paper: 'decision' | 'agreement', format: 'html' | 'pdf', lang: string) => {
    const res = await api.raw(`/support/applications/${enc(id)}/${paper}`, {
      query: { format, lang },
      headers: { Accept: format === 'pdf' ? 'application/pdf' : 'text/html' },
    });
    return { blob: await res.blob(), name: dispositionName(res.headers.get('Content-Disposition')) };
  },
  // --- Plans and the agencies' annual reports -----------------------------

  plans: () => api.get<{ items: Plan[] }>('/plans').then((r) => r.items ?? []),
  plan: (id: string) => api.get<Plan>(`/plans/${enc(id)}`, undefined, { cache: 'no-cache' }),
  createPlan: (input: PlanInput) => api.post<Plan>('/plans', input),
  updatePlan: (id: string, input: PlanInput, version: number) =>
    api.patch<Plan>(`/plans/${enc(id)}`, input, { headers: ifMatch(version) }),
  openPeriod: (id: string, year: number) => api.post<Plan>(`/plans/${enc(id)}/periods`, { year }),
  planProgress: (id: string, year: number) =>
    api.get<PlanProgress>(`/plans/${enc(id)}/progress`, { year }, { cache: 'no-cache' }),
  /** The provincial report in a format, fetched with the session's token. */
  provincialReport: async (id: string, year: number, format: ProvincialFormat, lang: string) => {
    const res = await api.raw(`/plans/${enc(id)}/provincial-report`, { query: { year, format, lang }, headers: FILE_ACCEPT });
    return { blob: await res.blob(), name: dispositionName(res.headers.get('Content-Disposition')) };
  },
  reports: (filter: { planId?: string; year?: number; state?: ReportState }) =>
    api.get<{ items: Report[] }>('/reports', filter, { cache: 'no-cache' }).then((r) => r.items ?? []),
  report: (id: string) => api.get<Report>(`/reports/${enc(id)}`, undefined, { cache: 'no-cache' }),
  updateReport: (id: string, input: ReportInput, version: number) =>
    api.patch<Report>(`/reports/${enc(id)}`, input, { headers: ifMatch(version) }),
  reportStep: (id: string, step: 'submit' | 'accept', version: number) =>
    api.post<Report>(`/reports/${enc(id)}/${step}`, undefined, { headers: ifMatch(version) }),
  returnReport: (id: string, reason: string, version: number) =>
    api.post<Report>(`/reports/${enc(id)}/return`, { reason }, { headers: ifMatch(version) }),
  uploadReportFile: (id: string, target: string, file: File) => {
    const form = new FormData();
    form.append('target', target);
    form.append('file', file, file.name);
    return api.post<{ id: string; name: string }>(`/reports/${enc(id)}/files`, form);
  },
  deleteReportFile: (id: string, fileId: string) => api.del(`/reports/${enc(id)}/files/${enc(fileId)}`),

  supportDashboard: () => api.get<SupportDashboard>('/support/dashboard', undefined, { auth: false, cache: 'no-cache' }),
  publicResults: () => api.get<PublicResults>('/public/results', undefined, { auth: false }),
  /** The home page's market (kept a minute by the server). */
  market: () => api.get<Market>('/public/market', undefined, { auth: false }),
  /** A verified organisation's public page (404 for any other). */
  publicOrganization: (id: string) => api.get<PublicOrganization>(`/public/organizations/${enc(id)}`, undefined, { auth: false }),
  /** The signed-in person's next steps. */
  nextSteps: () => api.get<NextSteps>('/me/next-steps'),
  /** The ministry's statistical forms of a reporting year as an XLSX workbook (officers). */
  statisticsXlsx: async (year: number, lang: string) => {
    const res = await api.raw('/statistics', {
      query: { year: String(year), format: 'xlsx', lang },
      headers: { Accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    });
    return { blob: await res.blob(), name: dispositionName(res.headers.get('Content-Disposition')) };
  },
};

/** Where the public results' open data are downloaded (no login). */
export const publicResultsCsvUrl = `${API_BASE}/public/results.csv`;
export const publicResultsJsonUrl = `${API_BASE}/public/results.json`;
