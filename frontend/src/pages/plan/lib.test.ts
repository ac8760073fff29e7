import { describe, expect, it } from 'vitest';
import type { ReportItem } from '../../api/types';
import i18n from '../../i18n';
import { inLang, itemCumulative, itemValue, recordLink } from './lib';

const item = (over: Partial<ReportItem>): ReportItem =>
  ({ target: '1', indicator: 'x', unit: 'mô hình', role: 'responsible', source: 'reported', files: [], ...over }) as ReportItem;

describe('report figures', () => {
  it("reads the platform's figure for a counted target, whatever the agency typed", () => {
    const counted = item({ source: 'platform', counted: { value: 2, cumulative: 5, records: [], at: '' }, value: 9, cumulative: 9 });
    expect(itemValue(counted)).toBe(2);
    expect(itemCumulative(counted)).toBe(5);
  });
  it("reads the agency's figures for a reported target", () => {
    expect(itemValue(item({ value: 1, cumulative: 3 }))).toBe(1);
    expect(itemCumulative(item({ value: 1, cumulative: 3 }))).toBe(3);
    expect(itemValue(item({}))).toBeUndefined();
  });
  it('links a counted record to its page', () => {
    expect(recordLink({ type: 'listing', id: 'a b' })).toBe('/listings/a%20b');
    expect(recordLink({ type: 'transfer', id: 't1', link: '/transfers/t1#x' })).toBe('/transfers/t1#x');
    expect(recordLink({ type: 'tranche', id: 'x' })).toBeUndefined();
  });
});

describe('names in the page language', () => {
  it('gives the English name in English, the Vietnamese one otherwise or when there is none', () => {
    expect(inLang('Sở Tài chính', 'Department of Finance', 'en')).toBe('Department of Finance');
    expect(inLang('Sở Tài chính', 'Department of Finance', 'vi')).toBe('Sở Tài chính');
    expect(inLang('Sở Tài chính', undefined, 'en')).toBe('Sở Tài chính');
  });
});

describe('an amount with its unit', () => {
  it('takes the English unit of one for 1 and the plural otherwise; Vietnamese has one form', () => {
    const args = { unit: 'models', one: 'model' };
    expect(i18n.t('plan.amount', { ...args, count: 1, value: '1', lng: 'en' })).toBe('1 model');
    expect(i18n.t('plan.amount', { ...args, count: 2, value: '2', lng: 'en' })).toBe('2 models');
    expect(i18n.t('plan.amount', { unit: 'mô hình', one: 'mô hình', count: 1, value: '1', lng: 'vi' })).toBe('1 mô hình');
  });
});
