// The clock of a matchmaking day: when a slot starts, after the breaks
// before it (the server's event.SlotTime, for what the SPA shows).

export interface BreakAt {
  after: number;
  minutes: number;
}

const clock = (at: number) => `${String(Math.floor(at / 60) % 24).padStart(2, '0')}:${String(at % 60).padStart(2, '0')}`;

/** The start of slot `s` of a day (HH:MM), after the day's breaks before it. */
export function slotStart(start: string, minutes: number, s: number, breaks: BreakAt[]): string {
  const [h, m] = start.split(':').map(Number);
  let at = h * 60 + m + s * minutes;
  for (const b of breaks) if (b.after < s) at += b.minutes;
  return clock(at);
}

/** The end of slot `s` (HH:MM), where a break after it begins; undefined for a start or length that is not a time. */
export function slotEnd(start: string, minutes: number, s: number, breaks: BreakAt[]): string | undefined {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(start) || !(minutes > 0)) return undefined;
  const [h, m] = slotStart(start, minutes, s, breaks).split(':').map(Number);
  return clock(h * 60 + m + minutes);
}
