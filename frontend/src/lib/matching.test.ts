import { describe, expect, it } from 'vitest';
import i18n from '../i18n';
import { compactShown, isOverdue, limiter, scoreLevel, trlInWords } from './matching';
import { makeLabels } from './taxonomy';
import { taxonomy, transfer } from '../test/matching';

describe('matching rules', () => {
  it('takes state labels from the taxonomy, from i18n until it has loaded', () => {
    const withStates = { ...taxonomy, connectionStates: [{ code: 'requested', vi: 'Đã quan tâm (Sở)', en: 'Interested (dept)' }] };
    expect(makeLabels(withStates, 'vi').connectionState('requested')).toBe('Đã quan tâm (Sở)');
    expect(makeLabels(withStates, 'en').connectionState('requested')).toBe('Interested (dept)');
    expect(makeLabels(null, 'vi').connectionState('negotiating')).toBe('Đang đàm phán');
    expect(makeLabels(null, 'en').registrationStatus('overdue')).toBe('Registration overdue');
    expect(makeLabels(null, 'vi').implementationStatus('in_use')).toBe('Đã đưa vào sử dụng');
  });

  it('reads overdue from the registration or from the record, for due registrations only', () => {
    expect(isOverdue(transfer({ registration: { required: true, status: 'due', overdue: true } }))).toBe(true);
    expect(isOverdue(transfer({ overdue: true, registration: { required: true, status: 'due' } }))).toBe(true);
    expect(isOverdue(transfer({ overdue: true, registration: { required: true, status: 'registered' } }))).toBe(false);
    expect(isOverdue(transfer())).toBe(false);
  });

  it('puts a word on the score', () => {
    expect([95, 70, 69, 40, 39].map(scoreLevel)).toEqual(['high', 'high', 'medium', 'medium', 'low']);
  });
});

describe('limiter', () => {
  it('runs at most n tasks at once, all of them in the end', async () => {
    const run = limiter(2);
    let now = 0;
    let peak = 0;
    const task = (v: number) => () =>
      new Promise<number>((r) => {
        now++;
        peak = Math.max(peak, now);
        setTimeout(() => {
          now--;
          r(v);
        }, 5);
      });
    const out = await Promise.all([1, 2, 3, 4, 5].map((v) => run(task(v))));
    expect(out).toEqual([1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
  });
});

describe('matches on a listing page', () => {
  const trl = [
    { code: '7', vi: 'Mẫu hệ thống được trình diễn trong môi trường vận hành', en: 'System prototype demonstrated in an operational environment' },
  ];
  it('names a TRL level in plain words beside its number, in Vietnamese and English', async () => {
    const tax = { ...taxonomy, trl };
    await i18n.changeLanguage('en');
    expect(trlInWords(i18n.t.bind(i18n), makeLabels(tax, 'en'), 7)).toBe('TRL 7: system prototype demonstrated in an operational environment');
    await i18n.changeLanguage('vi');
    expect(trlInWords(i18n.t.bind(i18n), makeLabels(tax, 'vi'), 7)).toBe('TRL 7: mẫu hệ thống được trình diễn trong môi trường vận hành');
    // No level, nothing; a level the taxonomy lacks, the number alone.
    expect(trlInWords(i18n.t.bind(i18n), makeLabels(tax, 'vi'), undefined)).toBeUndefined();
    expect(trlInWords(i18n.t.bind(i18n), makeLabels(tax, 'vi'), 3)).toBe('TRL 3');
  });
  it('shows three on a phone until "see more", all on a wide screen', () => {
    const items = [1, 2, 3, 4, 5];
    expect(compactShown(items, true, false)).toEqual([1, 2, 3]);
    expect(compactShown(items, true, true)).toEqual(items);
    expect(compactShown(items, false, false)).toEqual(items);
  });
});
