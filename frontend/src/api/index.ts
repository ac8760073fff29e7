// The application's API client and typed endpoint helpers.
import i18n from '../i18n';
import { ApiClient } from './client';
import type {
  AppConfig,
  AuditEntry,
  CreatedInvitation,
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

  audit: (filter: { subject?: string; actor?: string; action?: string }, page: number, pageSize: number) =>
    api.get<Page<AuditEntry>>('/audit', { ...filter, page, pageSize }),
};
