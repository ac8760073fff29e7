// Events: fairs, online techmarts, B2B matchmaking days. The shapes come from
// the server's OpenAPI document (schema.gen.ts); the endpoints of the events
// slice are here, beside each other.
import { api, ifMatch } from './index';
import type { components } from './schema.gen';
import type { ItemList, Page } from './types';

type S = components['schemas'];

export type Event = S['Event'];
export type EventInput = S['EventInput'];
export type EventKind = S['EventKind'];
export type EventRole = S['EventRole'];
export type BoothType = Event['booths'][number];
export type BoothAvailability = Event['availability'][number];
export type EventRegistration = S['EventRegistration'];
export type EventRegistrationInput = S['EventRegistrationInput'];

export const EVENT_KINDS: readonly EventKind[] = ['fair', 'online', 'hybrid', 'matchmaking', 'demonstration'];
export const EVENT_ROLES: readonly EventRole[] = ['exhibitor', 'participant', 'inventor'];
export const EVENT_STATES = ['draft', 'published', 'cancelled'] as const;
export type EventState = (typeof EVENT_STATES)[number];
export const REGISTRATION_STATES = ['pending', 'approved', 'waitlisted', 'rejected', 'withdrawn'] as const;
export type RegistrationState = (typeof REGISTRATION_STATES)[number];
export type RegistrationStep = 'approve' | 'reject' | 'withdraw';

const enc = encodeURIComponent;

function paged<T>(p: Promise<ItemList<T>>, page: number, pageSize: number): Promise<Page<T>> {
  return p.then((r) => ({ ...r, items: r.items ?? [], page: r.page ?? page, pageSize: r.pageSize ?? pageSize }));
}

export const eventsApi = {
  /** Published events (officers: drafts too, or one state); upcoming soonest first, past latest first. */
  list: (filter: { when?: 'upcoming' | 'past'; state?: EventState }, page: number, pageSize: number) =>
    paged(api.get<ItemList<Event>>('/events', { ...filter, page, pageSize }), page, pageSize),
  get: (id: string) => api.get<Event>(`/events/${enc(id)}`, undefined, { cache: 'no-cache' }),
  create: (input: EventInput) => api.post<Event>('/events', input),
  update: (id: string, input: EventInput, version: number) =>
    api.patch<Event>(`/events/${enc(id)}`, input, { headers: ifMatch(version) }),
  publish: (id: string, version: number) => api.post<Event>(`/events/${enc(id)}/publish`, undefined, { headers: ifMatch(version) }),
  cancel: (id: string, reason: string, version: number) =>
    api.post<Event>(`/events/${enc(id)}/cancel`, { reason }, { headers: ifMatch(version) }),
  registrations: (id: string, filter: { state?: RegistrationState; role?: EventRole }, page: number, pageSize: number) =>
    paged(
      api.get<ItemList<EventRegistration>>(`/events/${enc(id)}/registrations`, { ...filter, page, pageSize }, { cache: 'no-cache' }),
      page,
      pageSize,
    ),
  register: (id: string, input: EventRegistrationInput) => api.post<EventRegistration>(`/events/${enc(id)}/registrations`, input),
  step: (id: string, rid: string, step: RegistrationStep, version: number, reason?: string) =>
    api.post<EventRegistration>(
      `/events/${enc(id)}/registrations/${enc(rid)}/${step}`,
      step === 'reject' ? { reason } : undefined,
      { headers: ifMatch(version) },
    ),
};
