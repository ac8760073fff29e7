// Matching, connections and transfers: small rules the screens share.
import type { TFunction } from 'i18next';
import type { Connection, ConnectionAction, ConnectionState, Me, MyOrganization, Transfer } from '../api/types';
import { limits } from '../api/limits.gen';

// The server's limits (declared on its Go types, read from its OpenAPI document).
export const SEEKS_MIN = limits['Interest.seeks'].minLength;
export const SEEKS_MAX = limits['Interest.seeks'].maxLength;
export const BRINGS_MAX = limits['Interest.brings'].maxLength;
export const MESSAGE_MAX = limits['MessageInput.body'].maxLength;
export const NOTE_MAX = limits['MatchProposal.note'].maxLength;
export const DECLINE_COMMENT_MAX = limits['Decision.comment'].maxLength;
export const TRANSFER_TITLE_MAX = 200;
export const OUTCOME_MAX = 2000;
/** The registration of a transfer contract is due this many days after signing. */
export const REGISTRATION_DAYS = 90;
/** The unread count is asked for this often while signed in. */
export const UNREAD_POLL_MS = 60_000;
/** An open conversation asks for new messages this often. */
export const MESSAGES_POLL_MS = 20_000;

/** The order of the buttons on a connection page; recording a transfer is a link, not an action. */
export const CONNECTION_ACTIONS: readonly ConnectionAction[] = ['accept', 'negotiate', 'agree', 'decline', 'close'];

/** The state changes the server allows this person now (from `can`). */
export function allowedActions(c: Pick<Connection, 'can'>): ConnectionAction[] {
  return CONNECTION_ACTIONS.filter((a) => c.can[a]);
}

/** The stages a connection goes through, in order (declined and closed end it). */
export const OPEN_STATES: readonly ConnectionState[] = ['requested', 'accepted', 'negotiating', 'agreed'];

/** Whether a connection's state is final. */
export function isClosed(state: ConnectionState): boolean {
  return state === 'declined' || state === 'closed_no_deal';
}

/** YYYY-MM-DD plus `days` (calendar arithmetic, no time zone). */
export function addDays(ymd: string, days: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) return '';
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days));
  return d.toISOString().slice(0, 10);
}

/** When the registration is due: the server's date, or signing + 90 days. */
export function registrationDueOn(t: Pick<Transfer, 'signedOn' | 'registration'>): string | undefined {
  if (!t.registration.required) return undefined;
  return t.registration.dueOn ?? (t.signedOn ? addDays(t.signedOn, REGISTRATION_DAYS) : undefined);
}

/** "42 %" of a over b, or "—" when there is nothing to compare with. */
export function conversion(t: TFunction, part: number, whole: number): string {
  if (!whole) return t('common.none');
  return `${Math.round((part / whole) * 100)} %`;
}

/** The score as a word: a meter's value needs a text too. */
export function scoreLevel(score: number): 'high' | 'medium' | 'low' {
  return score >= 70 ? 'high' : score >= 40 ? 'medium' : 'low';
}

/** Whether the registration is past due (read from `registration.overdue` or the record's `overdue`). */
export function isOverdue(t: Pick<Transfer, 'registration' | 'overdue'>): boolean {
  return t.registration.status === 'due' && !!(t.registration.overdue || t.overdue);
}

/**
 * Runs at most `max` of the given tasks at once (a page of listings asking
 * for their matches should not compute twenty at the same moment).
 */
export function limiter(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  const next = () => {
    running--;
    waiting.shift()?.();
  };
  return <T>(task: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      const start = () => {
        running++;
        task().then(resolve, reject).finally(next);
      };
      if (running < max) start();
      else waiting.push(start);
    });
}

/** How many matches a phone shows before "see more". */
export const COMPACT_MATCHES = 3;

/** The matches to show: all on a wide screen or once "see more" was pressed; else the first three. */
export function compactShown<T>(items: readonly T[], compact: boolean, all: boolean): readonly T[] {
  return compact && !all ? items.slice(0, COMPACT_MATCHES) : items;
}

/** "TRL 7: system prototype demonstrated…": the level's name beside its number (none without a level). */
export function trlInWords(t: TFunction, labels: { trl(level: number | string): string }, level?: number): string | undefined {
  if (!level) return undefined;
  const words = labels.trl(level);
  const name = words && words !== String(level) ? words.charAt(0).toLowerCase() + words.slice(1) : '';
  return name ? t('matches.trlWords', { level, words: name }) : t('listing.trlValue', { level });
}

/** The organisations of `me` that may express interest in a listing of `ownerOrgId`: verified, not the owner, not the department. */
export function interestOrgs(me: Me | null, ownerOrgId: string): MyOrganization[] {
  return (me?.organizations ?? []).filter((o) => o.status === 'verified' && o.id !== ownerOrgId && (o.kind as string) !== 'department');
}
