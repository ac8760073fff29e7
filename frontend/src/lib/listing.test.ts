import { describe, expect, it } from 'vitest';
import i18n from '../i18n';
import {
  daysUntil,
  EMPTY_VALUES,
  expiresSoon,
  formatAmountRange,
  formatDay,
  formatPrice,
  parseAmount,
  parseDayInput,
  prefillContact,
  splitKeywords,
  toInput,
  validateListing,
  type ListingFormValues,
} from './listing';

const t = i18n.t.bind(i18n);
const today = '2026-06-01';

const complete: ListingFormValues = {
  ...EMPTY_VALUES,
  title: 'Quy trình nuôi cá tầm thương phẩm',
  summary: 'Nuôi cá tầm thương phẩm trong bể tuần hoàn nước lạnh, tiết kiệm nước.',
  sectors: ['biotech'],
  trl: '7',
  transferForms: ['licence'],
  priceMode: 'negotiable',
};

describe('listing checks', () => {
  it('lets a draft through with a title only, and asks more to submit', () => {
    const draft = { ...EMPTY_VALUES, title: 'Quy trình nuôi cá tầm' };
    expect(validateListing(draft, 'technology', { complete: false, withOrg: false, today })).toEqual({});
    expect(Object.keys(validateListing(draft, 'technology', { complete: true, withOrg: false, today })).sort()).toEqual(
      ['price.mode', 'sectors', 'summary', 'transferForms', 'trl'].sort(),
    );
    expect(Object.keys(validateListing(draft, 'ip', { complete: true, withOrg: false, today }))).toEqual(
      expect.arrayContaining(['ipType', 'ipStatus', 'holder']),
    );
    expect(Object.keys(validateListing(draft, 'demand', { complete: true, withOrg: false, today })).sort()).toEqual(
      ['problem', 'sectors', 'summary', 'transferForms'].sort(),
    );
    expect(validateListing(complete, 'technology', { complete: true, withOrg: false, today })).toEqual({});
  });

  it('mirrors the server limits', () => {
    const check = (v: Partial<ListingFormValues>, kind: 'technology' | 'ip' | 'demand' = 'technology') =>
      validateListing({ ...complete, ...v }, kind, { complete: false, withOrg: false, today });
    expect(check({ title: 'x'.repeat(151) }).title).toEqual({ code: 'too_long', params: { max: 150 } });
    expect(check({ summary: 'ngắn' }).summary).toEqual({ code: 'too_short', params: { min: 40 } });
    expect(check({ sectors: ['a', 'b', 'c', 'd'] }).sectors).toEqual({ code: 'too_many', params: { max: 3 } });
    expect(check({ keywords: Array.from({ length: 11 }, (_, i) => `k${i}`).join(',') }).keywords).toEqual({
      code: 'too_many',
      params: { max: 10 },
    });
    expect(check({ priceMode: 'fixed', priceMin: '' })['price.min']).toEqual({ code: 'required' });
    expect(check({ priceMode: 'fixed', priceMin: '12 triệu' })['price.min']).toEqual({ code: 'invalid_number' });
    expect(check({ priceMode: 'range', priceMin: '200.000', priceMax: '100.000' })['price.max']).toEqual({
      code: 'less_than_min',
    });
    expect(check({ validUntil: '2026-06-01' }).validUntil).toEqual({ code: 'not_in_future' });
    expect(check({ validUntil: '2028-07-01' }).validUntil).toEqual({ code: 'too_far', params: { maxMonths: 24 } });
    expect(check({ validUntil: '2027-06-01' }).validUntil).toBeUndefined();
    expect(check({ contactEmail: 'lan@' })['contact.email']).toEqual({ code: 'invalid_email' });
    expect(check({ filingDate: '2025-05-02', grantDate: '2025-05-01' }, 'ip').grantDate).toEqual({ code: 'before_filing' });
    expect(check({ budgetMin: '5', budgetMax: '4' }, 'demand')['budget.max']).toEqual({ code: 'less_than_min' });
    expect(check({ must: `${'x'.repeat(301)}\nok` }, 'demand')['requirements.must']).toEqual({
      code: 'too_long',
      params: { max: 300 },
    });
  });
});

describe('request bodies', () => {
  it('send only the kind’s fields', () => {
    const v: ListingFormValues = {
      ...complete,
      problem: 'stale text from another kind',
      ipType: 'patent',
      budgetMax: '9',
      priceMode: 'range',
      priceMin: '100.000.000',
      priceMax: '200 000 000',
    };
    const offer = toInput(v, 'technology', 'create');
    expect(offer).toMatchObject({ kind: 'technology', trl: 7, price: { mode: 'range', min: 100000000, max: 200000000 } });
    expect(offer).not.toHaveProperty('problem');
    expect(offer).not.toHaveProperty('ipType');
    expect(offer).not.toHaveProperty('budget');

    const need = toInput({ ...v, must: 'a\n\n b ', trlMin: '5' }, 'demand', 'create');
    expect(need).toMatchObject({ kind: 'demand', problem: 'stale text from another kind', budget: { max: 9 }, trlMin: 5 });
    expect(need.requirements).toEqual({ must: ['a', 'b'], nice: [] });
    expect(need).not.toHaveProperty('trl');
    expect(need).not.toHaveProperty('price');
    expect(need).not.toHaveProperty('advantages');
    expect(need).not.toHaveProperty('ipType');

    const ip = toInput(v, 'ip', 'edit');
    expect(ip).toMatchObject({ ipType: 'patent', holder: '', filingDate: '' });
    expect(ip).not.toHaveProperty('kind');
    expect(ip).not.toHaveProperty('problem');
  });

  it('reads dates typed as dd/mm/yyyy and sends YYYY-MM-DD', () => {
    expect(parseDayInput('31/12/2026')).toBe('2026-12-31');
    expect(parseDayInput(' 1.2.2027 ')).toBe('2027-02-01');
    expect(parseDayInput('2027-03-31')).toBe('2027-03-31');
    expect(parseDayInput('')).toBeUndefined();
    expect(parseDayInput('31/02/2027')).toBeNull();
    expect(parseDayInput('12/31/2026')).toBeNull();
    expect(toInput({ ...complete, validUntil: '01/06/2027' }, 'technology', 'create').validUntil).toBe('2027-06-01');
    expect(
      validateListing({ ...complete, validUntil: '31/02/2027' }, 'technology', { complete: false, withOrg: false, today })
        .validUntil,
    ).toEqual({ code: 'invalid_date' });
  });

  it('reads amounts and keywords as people type them', () => {
    expect(parseAmount('1.500.000 ₫')).toBe(1500000);
    expect(parseAmount('')).toBeUndefined();
    expect(parseAmount('1,5 tỷ')).toBeNull();
    expect(splitKeywords(' cá tầm,  nuôi   trồng ;cá tầm,, ')).toEqual(['cá tầm', 'nuôi trồng']);
  });
});

describe('formats', () => {
  it('shows prices in VND, or "Thỏa thuận"', () => {
    const nb = (s: string) => s.replace(/\s/g, ' ');
    expect(formatPrice(t, undefined)).toBe('Thỏa thuận');
    expect(formatPrice(t, { mode: 'negotiable' })).toBe('Thỏa thuận');
    expect(nb(formatPrice(t, { mode: 'fixed', min: 250000000 }))).toBe('250.000.000 ₫');
    expect(nb(formatPrice(t, { mode: 'range', min: 1000000, max: 2500000 }))).toBe('1.000.000 – 2.500.000 ₫');
    expect(nb(formatAmountRange(t, undefined, 5000000))).toBe('Đến 5.000.000 ₫');
    expect(formatDay('2027-03-31')).toBe('31/03/2027');
  });

  it('counts the days to expiry', () => {
    const now = Date.parse('2026-06-01T00:00:00Z');
    expect(daysUntil('2026-06-11T00:00:00Z', now)).toBe(10);
    expect(expiresSoon({ state: 'published', validUntil: '2026-06-11T00:00:00Z' }, now)).toBe(10);
    expect(expiresSoon({ state: 'published', validUntil: '2026-09-01T00:00:00Z' }, now)).toBeNull();
    expect(expiresSoon({ state: 'draft', validUntil: '2026-06-11T00:00:00Z' }, now)).toBeNull();
  });
});

describe('contact prefill', () => {
  const from = { name: 'Nguyễn Văn An', email: 'an@vien.vn', phone: '0236 3822 000' };

  it('fills the empty contact fields from the person and the organisation', () => {
    const v = prefillContact(EMPTY_VALUES, from);
    expect([v.contactName, v.contactEmail, v.contactPhone]).toEqual(['Nguyễn Văn An', 'an@vien.vn', '0236 3822 000']);
  });

  it('never replaces what the person typed', () => {
    const typed = { ...EMPTY_VALUES, contactName: 'Trần Thị Bình', contactPhone: '0905 111 222' };
    const v = prefillContact(typed, from);
    expect([v.contactName, v.contactEmail, v.contactPhone]).toEqual(['Trần Thị Bình', 'an@vien.vn', '0905 111 222']);
  });

  it('follows a change of organisation for the fields it filled itself', () => {
    const first = prefillContact(EMPTY_VALUES, from);
    const v = prefillContact(first, { ...from, phone: undefined }, from);
    expect(v.contactPhone).toBe('');
    expect(v.contactName).toBe('Nguyễn Văn An');
  });

  it('returns the same values when nothing changes', () => {
    const v = prefillContact(EMPTY_VALUES, {});
    expect(v).toBe(EMPTY_VALUES);
  });
});
