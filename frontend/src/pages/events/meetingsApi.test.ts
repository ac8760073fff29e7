import { describe, expect, it } from 'vitest';
import { groupOf, lengthProblem, otherSide, type Meeting } from './meetingsApi';

function meeting(state: Meeting['state'], fromOrg = 'a', toOrg = 'b'): Meeting {
  return {
    id: 'm1',
    eventId: 'e1',
    from: { id: 'ra', name: 'A' },
    fromOrg,
    to: { id: 'rb', name: 'B' },
    toOrg,
    message: 'Xin gặp để trao đổi.',
    suggested: false,
    state,
    outcomes: [],
    history: [],
    createdAt: '2026-12-07T00:00:00Z',
    updatedAt: '2026-12-07T00:00:00Z',
    version: 1,
    can: { accept: false, decline: false, cancel: false, outcome: false, deal: false },
  } as Meeting;
}

describe('meetings', () => {
  it('puts a request in the asker’s sent list and the other side’s incoming list', () => {
    expect(groupOf(meeting('requested'), new Set(['a']))).toBe('outgoing');
    expect(groupOf(meeting('requested'), new Set(['b']))).toBe('incoming');
    expect(groupOf(meeting('accepted'), new Set(['b']))).toBe('accepted');
    expect(groupOf(meeting('declined'), new Set(['a']))).toBe('closed');
    expect(groupOf(meeting('cancelled'), new Set(['b']))).toBe('closed');
  });

  it('names the other side', () => {
    expect(otherSide(meeting('requested'), new Set(['a']))).toEqual({ asked: true, other: { id: 'rb', name: 'B' } });
    expect(otherSide(meeting('requested'), new Set(['b']))).toEqual({ asked: false, other: { id: 'ra', name: 'A' } });
  });

  it('checks a message by the server’s codes', () => {
    expect(lengthProblem('   ', 10, 500)).toEqual({ code: 'required' });
    expect(lengthProblem('ngắn', 10, 500)).toEqual({ code: 'too_short', params: { min: 10 } });
    expect(lengthProblem('x'.repeat(501), 10, 500)).toEqual({ code: 'too_long', params: { max: 500 } });
    expect(lengthProblem('Xin gặp để trao đổi về bộ kit.', 10, 500)).toBeUndefined();
  });
});
