// The application's API client and typed endpoint helpers.
import i18n from '../i18n';
import { ApiClient } from './client';
import type {
  AppConfig,
  AuditEntry,
  CreatedInvitation,
  Listing,
  ListingAction,
  ListingInput,
  ListingKind,
  ListingState,
  Me,
  Organization,
  OrganizationDetail,
  OrgKind,
  OrgRole,
  OrgStatus,
  Page,
  PlatformRole,
  PublicInvitation,
  RegisterRequest,
  RegisterResponse,
  SearchResult,
  Suggestion,
  Taxonomy,
  TokenPair,
  User,
} from './types';

export const api = new ApiClient({ getLanguage: () => i18n.language || 'vi' });

const enc = encodeURIComponent;

/** Quotes a version for If-Match, the way the server's ETag carries it. */
export function ifMatch(version: number | string): Record<string, string> {
  return { 'If-Match': `"${version}"` };
}

export const endpoints = {
  config: () => api.get<AppConfig>('/config', undefined, { auth: false }),
  login: (email: string, password: string) =>
    api.post<TokenPair>('/auth/login', { email, password }, { auth: false }),
  register: (req: RegisterRequest) => api.post<RegisterResponse>('/auth/register', req, { auth: false }),
  logout: (refreshToken: string) => api.post<void>('/auth/logout', { refreshToken }, { auth: false }),
  me: () => api.get<Me>('/me'),
  /** Answers a new token pair; every other session of the account ends. */
  changePassword: (currentPassword: string, newPassword: string) =>
    api.post<TokenPair>('/me/password', { currentPassword, newPassword }),

  organizations: (status: OrgStatus, page: number, pageSize: number) =>
    api.get<Page<Organization>>('/organizations', { status, page, pageSize }),
  organization: (id: string) => api.get<OrganizationDetail>(`/organizations/${enc(id)}`),
  /** Owners correct name and kind before verification; a rejected organisation returns to pending. */
  updateOrganization: (id: string, changes: { name: string; kind: OrgKind }, version?: number) =>
    api.patch<OrganizationDetail>(`/organizations/${enc(id)}`, changes, { headers: version ? ifMatch(version) : {} }),
  verify: (id: string, version: number) =>
    api.post<Organization>(`/organizations/${enc(id)}/verify`, undefined, { headers: ifMatch(version) }),
  reject: (id: string, version: number, reason: string) =>
    api.post<Organization>(`/organizations/${enc(id)}/reject`, { reason }, { headers: ifMatch(version) }),
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

  audit: (filter: { subject?: string; actor?: string; action?: string }, page: number, pageSize: number) =>
    api.get<Page<AuditEntry>>('/audit', { ...filter, page, pageSize }),
};
