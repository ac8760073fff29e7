// Shapes of the Techmart HTTP API (base /api/v1, JSON camelCase). The shapes
// and choices the server declares come from schema.gen.ts, generated from its
// OpenAPI document (`make api-types`); this file gives them the SPA's names and
// adds what only the SPA needs.

import type { components } from './schema.gen';

type S = components['schemas'];

export type PlatformRole = S['PlatformRole'];
export const PLATFORM_ROLES: readonly PlatformRole[] = ['admin', 'officer', 'reviewer'];

export type OrgKind = S['RegisterKind'];
export const ORG_KINDS: readonly OrgKind[] = ['institute', 'university', 'st_org', 'enterprise', 'individual'];

/** Whether an organisation's kind is one people register (all but the department's own). */
export function isRegisterKind(kind: S['OrgKind']): kind is OrgKind {
  return kind !== 'department' && kind !== 'agency';
}

export type OrgStatus = S['OrgStatus'];
export const ORG_STATUSES: readonly OrgStatus[] = ['pending', 'verified', 'rejected'];

export type OrgRole = S['OrgRole'];
export const ORG_ROLES: readonly OrgRole[] = ['member', 'owner'];

export type User = S['User'];

export type MyOrganization = S['MyOrganization'];

export type Me = S['Me'];

export type Organization = S['Organization'];

export type Member = S['Member'];

export type Invitation = S['Invitation'];

export interface OrganizationDetail extends Organization {
  members: Member[];
  invitations?: Invitation[];
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** A page of applications with how many of the listed ones are in each state, the state filter aside. */
export type ApplicationPage = Page<Application> & { counts?: Partial<Record<ApplicationState, number>> };

export type TokenPair = S['Tokens'];

export type DemoAccount = NonNullable<S['Config']['demoAccounts']>[number];

export type AppConfig = S['Config'];

export type RegisterRequest = S['Registration'];

export type IssuedReset = S['IssuedReset'];

/** The one answer to a valid sign-up, whether the e-mail was new or taken. */
export type RegisterResponse = S['Registered'];

export type PublicInvitation = S['InvitationInfo'];

export type CreatedInvitation = S['Invited'];

export interface AuditChange {
  from: unknown;
  to: unknown;
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: { id: string; email: string };
  action: string;
  subject: { type: string; id: string; name?: string };
  reason?: string;
  changes?: Record<string, AuditChange>;
}

export const AUDIT_ACTIONS = [
  'user.register',
  'org.create',
  'org.update',
  'org.verify',
  'org.reject',
  'user.roles',
  'org.invite',
  'org.invite_revoke',
  'org.member_join',
  'org.member_remove',
  'auth.refresh_reuse',
  'event.create',
  'event.update',
  'event.publish',
  'event.cancel',
  'event.registration.create',
  'event.registration.approve',
  'event.registration.reject',
  'event.registration.withdraw',
  'event.registration.promote',
  'support.program.create',
  'support.program.update',
  'support.program.publish',
  'support.application.create',
  'support.application.update',
  'support.application.submit',
  'support.application.withdraw',
  'support.application.check',
  'support.application.return',
  'support.application.assign_reviewers',
  'support.application.score',
  'support.application.decide',
  'support.application.agreement',
  'support.application.disburse',
  'support.application.acceptance_request',
  'support.application.acceptance',
  'support.application.close',
  'admin.create',
  'user.register_taken',
  'listing.create',
  'listing.update',
  'listing.delete',
  'listing.submit',
  'listing.approve',
  'listing.reject',
  'listing.archive',
  'listing.renew',
  'match.propose',
  'connection.interest',
  'connection.accept',
  'connection.decline',
  'connection.negotiate',
  'connection.agree',
  'connection.close',
  'transfer.create',
  'transfer.update',
  'transfer.registration',
  'transfer.implementation',
  'transfer.document',
  'support.reconcile',
  'backup.create',
  'export.create',
  'user.password_reset_request',
  'user.password_reset_issue',
  'user.password_reset',
  'plan.create',
  'plan.update',
  'plan.period_open',
  'report.edit',
  'report.submit',
  'report.return',
  'report.accept',
  'synonym.create',
  'synonym.update',
  'synonym.delete',
  'synonym.seed',
  'event.schedule',
  'event.meeting.request',
  'event.meeting.accept',
  'event.meeting.decline',
  'event.meeting.cancel',
  'event.meeting.outcome',
  'event.checkin',
  'event.deal.record',
  'event.deal.transfer',
  'task.open',
  'task.close_call',
  'task.select',
  'task.appraise',
  'task.decide',
  'task.contract',
  'task.disburse',
  'task.report',
  'task.inspect',
  'task.extend',
  'task.request_acceptance',
  'task.accept',
  'task.register',
  'task.publish',
  'task.cancel',
  'task.proposal.create',
  'task.proposal.update',
  'task.proposal.submit',
  'task.proposal.withdraw',
  'task.proposal.add_to_round',
  'task.proposal.decide',
  'task.round.create',
  'task.round.update',
  'task.round.add_proposals',
  'task.round.assign_council',
  'task.round.score',
  'task.round.decide',
  'task.order',
  'task.assign_council',
  'task.score',
  'task.dossier.create',
  'task.dossier.update',
  'task.dossier.submit',
  'task.dossier.withdraw',
  'task.dossier.select',
  'task.dossier.not_select',
  'task.acceptance_council',
  'task.acceptance_grade',
] as const;

// --- Catalogue: listings, taxonomy, search --------------------------------

export type ListingKind = S['ListingKind'];
export const LISTING_KINDS: readonly ListingKind[] = ['technology', 'equipment', 'ip', 'demand'];

export type ListingState = S['ListingState'];
export const LISTING_STATES: readonly ListingState[] = ['draft', 'pending', 'published', 'rejected', 'archived'];

export type PriceMode = S['PriceMode'];
export const PRICE_MODES: readonly PriceMode[] = ['fixed', 'range', 'negotiable'];

/** Organisation kinds a listing's owner may have: the department lists too. */
export type ListingOrgKind = S['OrgKind'];
export const LISTING_ORG_KINDS: readonly ListingOrgKind[] = [...ORG_KINDS, 'department'];

/** Offers (technology, equipment, IP) as opposed to needs. */
export function isOffer(kind: ListingKind): boolean {
  return kind !== 'demand';
}

export type Term = S['Term'];

export type AdminUnit = S['AdminUnit'];

export interface Taxonomy {
  sectors: Term[];
  transferForms: Term[];
  ipTypes: Term[];
  ipStatuses: Term[];
  trl: Term[];
  rejectReasons: Term[];
  adminUnits: AdminUnit[];
  /** Issue 4 additions; optional so that an older server's taxonomy still loads. */
  declineReasons?: Term[];
  transferMethods?: Term[];
  registrationStatuses?: Term[];
  implementationStatuses?: Term[];
  connectionStates?: Term[];
}

export interface Price {
  mode: PriceMode;
  min?: number;
  max?: number;
}

export interface Budget {
  min?: number;
  max?: number;
}

export interface Requirements {
  must: string[];
  nice: string[];
}

export interface Contact {
  name?: string;
  email?: string;
  phone?: string;
}

export type OrgRef = S['OrgRef'];

/**
 * The optional content of a listing, the same in the record and in what
 * POST and PATCH /listings take; most of it belongs to one kind only.
 */
export interface ListingDetails {
  description?: string;
  advantages?: string;
  applications?: string;
  adminUnit?: string;
  contact?: Contact;
  validUntil?: string;
  trl?: number;
  price?: Price;
  ipType?: string;
  ipNumber?: string;
  filingDate?: string;
  grantDate?: string;
  ipStatus?: string;
  holder?: string;
  problem?: string;
  requirements?: Requirements;
  trlMin?: number;
  budget?: Budget;
  deadline?: string;
  confidentialDetails?: string;
}

/**
 * A listing. Members of its organisation and officers get the full record;
 * everyone else the public view (no confidential details or moderation
 * notes, but `organization`).
 */
export interface Listing extends ListingDetails {
  id: string;
  version: number;
  kind: ListingKind;
  state: ListingState;
  orgId: string;
  title: string;
  summary: string;
  /** The owner's optional English title and summary. */
  titleEn?: string;
  summaryEn?: string;
  sectors: string[];
  keywords: string[];
  transferForms: string[];
  rejectReason?: string;
  rejectComment?: string;
  createdAt: string;
  updatedAt: string;
  submittedAt?: string;
  publishedAt?: string;
  /** Image file ids, in order (see ListingFile). */
  images?: string[];
  /** PDF file ids. */
  attachments?: string[];
  /** Empty in the public view. */
  createdBy?: string;
  /** Both views name the organisation (older full records only carry orgId). */
  organization?: OrgRef;
}

export type ListingFileKind = 'image' | 'document';

/** An image or PDF uploaded to a listing (POST /listings/{id}/files). */
export interface ListingFile {
  id: string;
  listingId: string;
  kind: ListingFileKind;
  name: string;
  contentType: string;
  size: number;
  width?: number;
  height?: number;
  createdAt: string;
}

/** What POST and PATCH /listings take; every field optional in a PATCH. */
export interface ListingInput extends ListingDetails {
  kind?: ListingKind;
  orgId?: string;
  title?: string;
  summary?: string;
  titleEn?: string;
  summaryEn?: string;
  sectors?: string[];
  keywords?: string[];
  transferForms?: string[];
}

export type ListingAction = 'submit' | 'approve' | 'archive' | 'renew';

export type SearchSort = 'relevance' | 'newest' | 'priceAsc' | 'priceDesc';
export const SEARCH_SORTS: readonly SearchSort[] = ['relevance', 'newest', 'priceAsc', 'priceDesc'];

export type FacetName = 'kind' | 'sector' | 'trl' | 'transferForm' | 'adminUnit' | 'orgKind';

export type FacetCount = S['FacetCount'];

export type SearchHit = S['SearchHit'];

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  page: number;
  pageSize: number;
  facets: Partial<Record<FacetName, FacetCount[]>>;
  /** Fewer than three listings hold every word: the first `exact` hits do, the rest some of them. */
  relaxed?: boolean;
  exact?: number;
}

export type Suggestion = S['Suggestions']['suggestions'][number];

// --- Matching, connections, transfers, notifications, pipeline --------------

export type MatchReasonCode =
  | 'proposed'
  | 'text'
  | 'same_sector'
  | 'shared_keywords'
  | 'trl_ok'
  | 'trl_low'
  | 'price_in_budget'
  | 'price_over_budget'
  | 'form_match'
  | 'same_place'
  | 'verified'
  | 'fresh';

export interface MatchReason {
  code: MatchReasonCode | string;
  params?: Record<string, unknown>;
  /** Rendered by the server in the request's language. */
  text: string;
  /** False for caveats (TRL below what the need asks, price over budget). */
  positive?: boolean;
}

/** A suggested counterpart: offers for a need, needs for an offer (or, for visitors, a similar listing). */
export interface Match {
  listing: SearchHit;
  /** 0..100; 0 for a similar listing (not scored). */
  score: number;
  reasons: MatchReason[];
  /** What the reader may do with it (decided by the server). */
  can: { interest: boolean };
  /** Set when a department officer proposed this pair. */
  proposed?: { note?: string; at: string };
}

/** Who a listing's matches are for: its organisation and officers get matches, anyone else similar listings. */
export type MatchAudience = S['MatchAudience'];

export interface MatchList {
  audience: MatchAudience;
  matches: Match[];
}

export type ProposedMatch = S['Proposal'];

export type Ref = S['Ref'];

export type ConnectionState = S['ConnectionState'];
export const CONNECTION_STATES: readonly ConnectionState[] = [
  'requested',
  'accepted',
  'declined',
  'negotiating',
  'agreed',
  'closed_no_deal',
];

export type ConnectionAction = 'accept' | 'decline' | 'negotiate' | 'agree' | 'close';

export interface ConnectionCan {
  accept: boolean;
  decline: boolean;
  negotiate: boolean;
  agree: boolean;
  close: boolean;
  message: boolean;
  recordTransfer: boolean;
}

/** An expression of interest and what follows it (an interest is a connection in state "requested"). */
export interface Connection {
  id: string;
  version: number;
  listing: { id: string; kind: ListingKind; title: string };
  /** The listing's organisation. */
  owner: Ref;
  /** The interested organisation. */
  party: Ref;
  /** The officer who proposed the match. */
  broker?: Ref;
  state: ConnectionState;
  seeks: string;
  brings: string;
  declineReason?: string;
  declineComment?: string;
  closeComment?: string;
  sectors: string[];
  createdAt: string;
  updatedAt: string;
  stateChangedAt: string;
  lastMessageAt?: string;
  stale: boolean;
  transferId?: string;
  /** The states it went through, oldest first (the server sends it; not in the written contract). */
  history?: { state: ConnectionState; at: string }[];
  can: ConnectionCan;
}

export type InterestInput = S['Interest'];

export type Message = S['Message'];

export type RegistrationStatus = 'not_required' | 'due' | 'submitted' | 'registered';
export const REGISTRATION_STATUSES: readonly RegistrationStatus[] = ['not_required', 'due', 'submitted', 'registered'];
export type RegistrationFilter = RegistrationStatus | 'overdue';

export type ImplementationStatus = 'not_started' | 'in_progress' | 'in_use' | 'stopped';
export const IMPLEMENTATION_STATUSES: readonly ImplementationStatus[] = ['not_started', 'in_progress', 'in_use', 'stopped'];

export interface TransferDocument {
  id: string;
  name: string;
  size: number;
  contentType: string;
}

export interface Registration {
  required: boolean;
  status: RegistrationStatus;
  /** signedOn + 90 days, when required. */
  dueOn?: string;
  overdue?: boolean;
  submittedOn?: string;
  number?: string;
  registeredOn?: string;
}

export interface Transfer {
  id: string;
  version: number;
  connectionId?: string;
  listings: { id: string; title: string; kind: ListingKind }[];
  supplier: Ref;
  recipient: Ref;
  title: string;
  /** A transferForms code. */
  form: string;
  /** transferMethods codes. */
  methods: string[];
  /** Integer VND. */
  contractValue: number;
  /** YYYY-MM-DD. */
  signedOn: string;
  registration: Registration;
  /** The server puts `overdue` here rather than in `registration`; either is read. */
  overdue?: boolean;
  implementation: { status: ImplementationStatus; outcome?: string };
  documents: TransferDocument[];
  sectors: string[];
  /** The parties agreed that the public results name them and the value. */
  publicConsent: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  can: { edit: boolean; register: boolean; implement: boolean };
}

/** The editable fields of a transfer (PATCH takes these). */
export interface TransferContent {
  title: string;
  form: string;
  methods: string[];
  contractValue: number;
  signedOn: string;
  registrationRequired: boolean;
  /** Both parties agreed that the public results name them and the contract's value. */
  publicConsent: boolean;
}

/** POST /transfers: from an agreed connection, or (officers) naming both organisations and the listings. */
export type TransferInput = TransferContent &
  ({ connectionId: string } | { supplierOrgId: string; recipientOrgId: string; listingIds: string[] });

export type RegistrationInput =
  | { status: 'submitted'; submittedOn: string }
  | { status: 'registered'; number: string; registeredOn: string };

export type NotificationKind =
  | 'match'
  | 'match_digest'
  | 'match_proposed'
  | 'interest'
  | 'decision'
  | 'message'
  | 'transfer'
  | 'registration_due'
  | 'nudge';

export interface AppNotification {
  id: string;
  kind: NotificationKind | string;
  text: string;
  /** An SPA path such as "/connections/ID". */
  link: string;
  createdAt: string;
  read: boolean;
  /** How many notifications this one groups (unread ones about one subject; a day's match suggestions). */
  count?: number;
}

export interface NotificationPage {
  items: AppNotification[];
  total: number;
  unread: number;
  page?: number;
  pageSize?: number;
}

/** E-mail kinds a person can switch off. */
export const EMAIL_KINDS = ['match', 'interest', 'decision', 'message', 'registration', 'nudge', 'support', 'event', 'task'] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

export interface NotificationPreferences {
  email: Record<EmailKind, boolean>;
}

export interface PipelineStage {
  state: ConnectionState;
  count: number;
  medianDaysInStage: number;
  /** How many connections reached the state: with none there is no median. */
  reached: number;
}

export interface Pipeline {
  stages: PipelineStage[];
  transfers: {
    count: number;
    contractValue: number;
    registration: Record<RegistrationStatus | 'overdue', number>;
    implementation: Partial<Record<ImplementationStatus, number>>;
  };
  /** transfers and registered count those from connections; direct ones (recorded by an officer without one) apart. */
  funnel: {
    interests: number;
    connections: number;
    agreements: number;
    transfers: number;
    registered: number;
    direct: number;
    directRegistered: number;
  };
  stale: number;
}

/** Lists without page numbers in the answer (connections, transfers). */
export interface ItemList<T> {
  items: T[];
  total: number;
  page?: number;
  pageSize?: number;
}

// --- Support programmes (technology-innovation support) ----------------------

export type ProgramState = S['ProgramState'];
export const PROGRAM_STATES: readonly ProgramState[] = ['draft', 'published'];

export type ProgramDocument = S['Program']['documents'][number];

export type ProgramCriterion = S['Program']['criteria'][number];

export type ProgramEligibility = S['Program']['eligibility'];

/** A support programme (call): amounts are integer VND, days YYYY-MM-DD in Vietnam. */
export type Program = S['Program'];

/** A synonym rule the department maintains (see GET /synonyms). */
export type Synonym = S['Synonym'];
export type SynonymInput = S['SynonymInput'];

/** What an officer sends; fields left out stay as they are on PATCH. */
export type ProgramInput = S['ProgramInput'];

export type ProgramBudget = S['ProgramBudget'];

// --- Support applications (dossiers), appraisal, money, dashboard --------------

export type ApplicationState = S['ApplicationState'];

/** Every state, in the order of the procedure (the outcomes of a step side by side). */
export const APPLICATION_STATES: readonly ApplicationState[] = [
  'draft',
  'submitted',
  'completeness_check',
  'returned',
  'appraisal',
  'approved',
  'rejected',
  'agreement_signed',
  'in_progress',
  'acceptance_requested',
  'accepted',
  'not_accepted',
  'closed',
  'withdrawn',
];

/** What the enterprise means to adopt: a recorded transfer, a listing, or a description. */
export type ApplicationTechnology = S['Application']['technology'];

export type ApplicationDocument = S['Application']['documents'][number];

export type ApplicationStep = S['Application']['history'][number];

export type ConflictDeclaration = 'no_conflict' | 'conflict';

export type CriterionScore = NonNullable<S['Application']['reviews'][number]['scores']>[number];

/** One reviewer's appraisal: officers see all, a reviewer their own, the applicant none. */
export interface ApplicationReview {
  reviewerId: string;
  reviewerName: string;
  assignedAt: string;
  declaration?: ConflictDeclaration;
  scores?: CriterionScore[];
  /** 0..100. */
  total?: number;
  comment?: string;
  submittedAt?: string;
}

/** The reviewers' scores put together (officers only). */
export interface Appraisal {
  complete: boolean;
  /** How many reviewers must score. */
  required?: number;
  count: number;
  mean: number;
  min: number;
  max: number;
  spread: number;
  passMark: number;
  passed: boolean;
  criteria: { code: string; name: string; weight: number; mean: number; spread: number }[];
}

export interface ApplicationDecision {
  outcome: 'approved' | 'rejected';
  amount?: number;
  reason?: string;
  number: string;
  at: string;
}

export type ApplicationAgreement = NonNullable<S['Application']['agreement']>;

export type ApplicationTranche = S['Application']['tranches'][number];

export interface ApplicationAcceptance {
  report?: string;
  requestedAt?: string;
  outcome?: 'accepted' | 'not_accepted';
  on?: string;
  note?: string;
  at?: string;
}

/**
 * The steps the person asking may take on an application now, decided by the
 * server from the same table that enforces them; the SPA only shows them.
 */
export interface ApplicationCan {
  edit: boolean;
  submit: boolean;
  withdraw: boolean;
  check: boolean;
  return: boolean;
  assignReviewers: boolean;
  score: boolean;
  decide: boolean;
  agreement: boolean;
  disburse: boolean;
  requestAcceptance: boolean;
  acceptance: boolean;
  close: boolean;
  /** May open the linked transfer record (its parties and officers; not a reviewer, who reads its summary in the dossier). */
  openTransfer: boolean;
}

/** An enterprise's dossier for a support programme; amounts are integer VND. */
export interface Application {
  id: string;
  version: number;
  programId: string;
  programName: string;
  orgId: string;
  orgName: string;
  state: ApplicationState;
  title: string;
  summary: string;
  technology: ApplicationTechnology;
  totalCost: number;
  requested: number;
  ownContribution: number;
  startOn?: string;
  endOn?: string;
  expectedResults: string;
  documents: ApplicationDocument[];
  history: ApplicationStep[];
  reviews?: ApplicationReview[];
  /** The criteria, pass mark and number of reviewers copied from the programme at assignment. */
  reviewPlan?: { criteria: ProgramCriterion[]; passMark: number; required: number };
  appraisal?: Appraisal;
  decision?: ApplicationDecision;
  agreement?: ApplicationAgreement;
  tranches: ApplicationTranche[];
  paid?: number;
  acceptance?: ApplicationAcceptance;
  createdAt: string;
  updatedAt: string;
  submittedAt?: string;
  closedAt?: string;
  can: ApplicationCan;
}

/** What the applicant enters (POST takes programId and orgId too; PATCH any subset of the rest). */
export type ApplicationInput = S['ApplicationInput'];

export type ApplicationScope = 'mine' | 'all' | 'assigned';

export interface ApplicationFilter {
  scope: ApplicationScope;
  programId?: string;
  state?: ApplicationState;
  q?: string;
}

export type ReviewerCandidate = S['Reviewer'];

export interface ScoresInput {
  declaration: ConflictDeclaration;
  scores: CriterionScore[];
  comment?: string;
}

export type DecideInput = S['DecideInput'];

export type SupportDashboard = S['SupportDashboard'];

// Public results (open data) and the ministry's statistics (officers).
export type PublicResults = S['PublicResults'];
export type ResultFigure = S['PublicResults']['figures'][number];
export type ResultMetric = S['PublicResults']['metrics'][number];
export type StatisticsReport = S['StatisticsReport'];

// Backups and exports (admins).
export type BackupManifest = S['BackupEntry']['manifest'];
export type BackupEntry = S['BackupEntry'];
export type BackupStatus = S['Backups']['status'];
export type Backups = S['Backups'];

// --- Plans, targets and the agencies' annual reports -------------------------

export type Plan = S['Plan'];
export type PlanTarget = S['Plan']['targets'][number];
export type PlanAgency = S['Plan']['agencies'][number];
export type PlanInput = S['PlanInput'];
export type PlanProgress = S['PlanProgress'];
export type TargetProgress = S['PlanProgress']['targets'][number];
export type AgencyStatus = S['PlanProgress']['agencies'][number];
export type Report = S['Report'];
export type ReportItem = S['Report']['items'][number];
export type ReportInput = S['ReportInput'];
export type ReportItemInput = NonNullable<S['ReportInput']['items']>[number];
export type ReportState = S['ReportState'];
export type TargetStatus = S['TargetStatus'];
export const TARGET_STATUSES: readonly TargetStatus[] = ['achieved', 'on_track', 'at_risk', 'behind'];
export type ProvincialFormat = 'html' | 'pdf' | 'docx' | 'xlsx';

/** The home page's market: counts, newest listings, open programmes, sectors. */
export type Market = S['Market'];
export type MarketProgram = S['Market']['programs'][number];

/** A verified organisation's public page. */
export type PublicOrganization = S['PublicOrganization'];

/** What waits for the signed-in person, decided by the server. */
export type NextSteps = S['NextSteps'];
export type NextStep = S['NextSteps']['items'][number];
export type NextStepCode = S['NextStepCode'];
