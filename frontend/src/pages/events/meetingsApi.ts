// Client calls and types of an event's B2B meetings, check-in and deal log
// (the shapes come from the server's OpenAPI document).
import { api } from '../../api';
import type { components } from '../../api/schema.gen';
import type { FieldProblem } from '../../lib/validation';

type S = components['schemas'];

export type Meeting = S['EventMeeting'];
export type MeetingList = S['EventMeetingList'];
export type MeetingState = S['MeetingState'];
export type MeetingOutcome = S['MeetingOutcome'];
export type Party = S['EventParty'];
export type Suggestions = S['EventSuggestions'];
export type EventSuggestion = Suggestions['items'][number];
export type Badge = S['EventBadge'];
export type CheckIn = S['CheckIn'];
export type CheckInSummary = S['CheckInSummary'];
export type Deal = S['EventDeal'];
export type DealList = S['EventDealList'];
export type DealKind = S['DealKind'];
export type DealInput = S['EventDealInput'];
export type DealTransferInput = S['EventDealTransferInput'];

export const DEAL_KINDS: readonly DealKind[] = ['mou', 'contract'];
export const MEETING_OUTCOMES: readonly MeetingOutcome[] = ['held', 'no_show'];

export type MeetingStep = 'accept' | 'decline' | 'cancel';

const enc = encodeURIComponent;
const base = (eventId: string) => `/events/${enc(eventId)}`;

export const meetingsApi = {
  list: (eventId: string, scope: 'mine' | 'all') => api.get<MeetingList>(`${base(eventId)}/meetings`, { scope }),
  request: (eventId: string, input: S['EventMeetingInput']) => api.post<Meeting>(`${base(eventId)}/meetings`, input),
  /** accept takes no body; decline and cancel an optional reason. */
  step: (eventId: string, id: string, step: MeetingStep, reason?: string) =>
    api.post<Meeting>(`${base(eventId)}/meetings/${enc(id)}/${step}`, step === 'accept' ? undefined : { reason: reason ?? '' }),
  outcome: (eventId: string, id: string, input: S['MeetingOutcomeInput']) =>
    api.post<Meeting>(`${base(eventId)}/meetings/${enc(id)}/outcome`, input),
  suggestions: (eventId: string) => api.get<Suggestions>(`${base(eventId)}/suggestions`),
  badge: (eventId: string, regId: string) => api.get<Badge>(`${base(eventId)}/registrations/${enc(regId)}/badge`, { format: 'json' }),
  /** The badge's QR code as an SVG blob (the route needs the session's token, so no plain <img src>). */
  badgeImage: async (eventId: string, regId: string) =>
    (await api.raw(`${base(eventId)}/registrations/${enc(regId)}/badge`, { query: { format: 'svg' }, headers: { Accept: 'image/svg+xml' } })).blob(),
  checkIn: (eventId: string, code: string) => api.post<CheckIn>(`${base(eventId)}/checkins`, { code }),
  checkIns: (eventId: string) => api.get<CheckInSummary>(`${base(eventId)}/checkins`),
  deals: (eventId: string) => api.get<DealList>(`${base(eventId)}/deals`),
  recordDeal: (eventId: string, input: DealInput) => api.post<Deal>(`${base(eventId)}/deals`, input),
  dealTransfer: (eventId: string, dealId: string, input: DealTransferInput) =>
    api.post<S['EventDealTransfer']>(`${base(eventId)}/deals/${enc(dealId)}/transfer`, input),
};

/** The other side of a meeting for a reader whose organisations are `orgIds`, and whether the reader asked. */
export function otherSide(m: Meeting, orgIds: ReadonlySet<string>): { asked: boolean; other: Meeting['to'] } {
  if (orgIds.has(m.fromOrg)) return { asked: true, other: m.to };
  return { asked: false, other: m.from };
}

/** Which list a meeting belongs in for its reader. */
export type MeetingGroup = 'incoming' | 'outgoing' | 'accepted' | 'closed';

export function groupOf(m: Meeting, orgIds: ReadonlySet<string>): MeetingGroup {
  if (m.state === 'accepted') return 'accepted';
  if (m.state !== 'requested') return 'closed';
  return orgIds.has(m.fromOrg) ? 'outgoing' : 'incoming';
}

/** A required text's length problem, by the server's codes (min and max from limits.gen). */
export function lengthProblem(value: string, min: number, max: number): FieldProblem | undefined {
  const n = value.trim().length;
  if (n === 0) return { code: 'required' };
  if (n < min) return { code: 'too_short', params: { min } };
  if (n > max) return { code: 'too_long', params: { max } };
  return undefined;
}
