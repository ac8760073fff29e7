// Shapes of the Techmart HTTP API (base /api/v1, JSON camelCase).

export type PlatformRole = 'admin' | 'officer' | 'reviewer';
export const PLATFORM_ROLES: readonly PlatformRole[] = ['admin', 'officer', 'reviewer'];

export type OrgKind = 'institute' | 'university' | 'st_org' | 'enterprise' | 'individual';
export const ORG_KINDS: readonly OrgKind[] = ['institute', 'university', 'st_org', 'enterprise', 'individual'];

export type OrgStatus = 'pending' | 'verified' | 'rejected';
export const ORG_STATUSES: readonly OrgStatus[] = ['pending', 'verified', 'rejected'];

export type OrgRole = 'owner' | 'member';
export const ORG_ROLES: readonly OrgRole[] = ['member', 'owner'];

export interface User {
  id: string;
  email: string;
  fullName: string;
  roles: PlatformRole[];
  createdAt: string;
  version?: number;
}

export interface MyOrganization {
  id: string;
  name: string;
  kind: OrgKind;
  status: OrgStatus;
  role: OrgRole;
  rejectReason?: string;
}

export interface Me {
  user: User;
  organizations: MyOrganization[];
}

export interface Organization {
  id: string;
  name: string;
  kind: OrgKind;
  status: OrgStatus;
  rejectReason?: string;
  ownerEmail?: string;
  createdAt: string;
  decidedAt?: string;
  version: number;
}

export interface Member {
  userId: string;
  email: string;
  fullName: string;
  role: OrgRole;
  joinedAt: string;
}

export interface Invitation {
  id: string;
  email: string;
  role: OrgRole;
  createdAt: string;
  expiresAt: string;
}

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

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  tokenType: string;
}

export interface DemoAccount {
  email: string;
  role: string;
}

export interface AppConfig {
  province: { vi: string; en: string };
  demo: boolean;
  demoAccounts?: DemoAccount[];
  demoPassword?: string;
  smtp: boolean;
  version: string;
}

export interface RegisterRequest {
  email: string;
  password: string;
  fullName: string;
  organization?: { name: string; kind: OrgKind };
  invitationToken?: string;
}

export interface RegisterResponse {
  user: User;
  organization: { id: string; name: string; kind: OrgKind; status?: OrgStatus };
}

export interface PublicInvitation {
  organization: { id: string; name: string; kind: OrgKind };
  email: string;
  role: OrgRole;
  expiresAt: string;
}

export interface CreatedInvitation {
  invitation: Invitation;
  acceptUrl: string;
  emailSent: boolean;
}

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
] as const;

// --- Catalogue: listings, taxonomy, search --------------------------------

export type ListingKind = 'technology' | 'equipment' | 'ip' | 'demand';
export const LISTING_KINDS: readonly ListingKind[] = ['technology', 'equipment', 'ip', 'demand'];

export type ListingState = 'draft' | 'pending' | 'published' | 'rejected' | 'archived';
export const LISTING_STATES: readonly ListingState[] = ['draft', 'pending', 'published', 'rejected', 'archived'];

export type PriceMode = 'fixed' | 'range' | 'negotiable';
export const PRICE_MODES: readonly PriceMode[] = ['fixed', 'range', 'negotiable'];

/** Organisation kinds a listing's owner may have: the department lists too. */
export type ListingOrgKind = OrgKind | 'department';
export const LISTING_ORG_KINDS: readonly ListingOrgKind[] = [...ORG_KINDS, 'department'];

/** Offers (technology, equipment, IP) as opposed to needs. */
export function isOffer(kind: ListingKind): boolean {
  return kind !== 'demand';
}

export interface Term {
  code: string;
  vi: string;
  en: string;
}

export interface AdminUnit extends Term {
  level: 'province' | 'district' | 'commune' | string;
  parent?: string;
  validFrom?: string;
  validUntil?: string;
  replacedBy?: string;
}

export interface Taxonomy {
  sectors: Term[];
  transferForms: Term[];
  ipTypes: Term[];
  ipStatuses: Term[];
  trl: Term[];
  rejectReasons: Term[];
  adminUnits: AdminUnit[];
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

export interface OrgRef {
  id: string;
  name: string;
  kind: ListingOrgKind;
}

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
  sectors?: string[];
  keywords?: string[];
  transferForms?: string[];
}

export type ListingAction = 'submit' | 'approve' | 'archive' | 'renew';

export type SearchSort = 'relevance' | 'newest' | 'priceAsc' | 'priceDesc';
export const SEARCH_SORTS: readonly SearchSort[] = ['relevance', 'newest', 'priceAsc', 'priceDesc'];

export type FacetName = 'kind' | 'sector' | 'trl' | 'transferForm' | 'adminUnit' | 'orgKind';

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchHit {
  id: string;
  kind: ListingKind;
  title: string;
  summary: string;
  organization: OrgRef;
  sectors: string[];
  transferForms: string[];
  adminUnit?: string;
  trl?: number;
  priceMin?: number;
  priceMax?: number;
  publishedAt: string;
  /** HTML-escaped text with <mark> around matched words. */
  highlights?: { title?: string; summary?: string };
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  page: number;
  pageSize: number;
  facets: Partial<Record<FacetName, FacetCount[]>>;
}

export interface Suggestion {
  id: string;
  kind: ListingKind;
  title: string;
}
