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
