import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import i18n from '../../i18n';
import { resetTaxonomyCache } from '../../lib/taxonomy';
import { json, mockApi, problem, renderApp } from '../../test/helpers';
import PlanForm from './PlanForm';

const metrics = [
  { id: 'transfers.signed', label: { vi: 'Hợp đồng chuyển giao đã ký', en: 'Transfer contracts signed' }, counted: { vi: '', en: '' }, unit: 'count', filters: ['form', 'sector'] },
];

const plan = {
  id: 'p1',
  version: 3,
  number: '684/QĐ-UBND',
  date: '2025-05-20',
  issuer: 'UBND tỉnh',
  title: 'Kế hoạch phát triển thị trường',
  rule: { start: { month: 12, day: 15 }, opens: { month: 11, day: 1 }, due: { month: 11, day: 30 } },
  agencies: [
    { code: 'SKHCN', name: 'Sở KH&CN' },
    { code: 'SCT', name: 'Sở Công Thương', orgId: 'o9' },
  ],
  targets: [
    {
      code: '1',
      indicator: 'Số hợp đồng chuyển giao',
      unit: 'hợp đồng',
      unitEnOne: 'contract',
      baseline: 2,
      milestones: [{ year: 2026, value: 10 }],
      responsible: 'SKHCN',
      coOperating: [],
      source: 'reported',
    },
  ],
  periods: [],
  createdAt: '',
  updatedAt: '',
};

const session = {
  'POST /auth/refresh': () => json(200, { accessToken: 'A', refreshToken: 'R2', expiresIn: 900, tokenType: 'Bearer' }),
  'GET /public/results': () => json(200, { metrics }),
  'GET /taxonomy': () => json(200, { sectors: [{ code: 'biotech', vi: 'Công nghệ sinh học', en: 'Biotechnology' }], transferForms: [], ipTypes: [] }),
};

const field = (label: string | RegExp, i = 0) => screen.getAllByLabelText(label)[i] as HTMLInputElement;
const type = (el: HTMLElement, value: string) => fireEvent.change(el, { target: { value } });

beforeEach(async () => {
  resetTaxonomyCache();
  localStorage.setItem('techmart.refresh', 'R');
  await i18n.changeLanguage('en');
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('PlanForm', () => {
  it('creates a plan with the regime’s days and a counted target', async () => {
    const { calls } = mockApi({ ...session, 'POST /plans': () => json(201, { ...plan, id: 'p2' }) });
    renderApp(<PlanForm />, { path: '/plan/new', route: '/plan/new' });
    expect(await screen.findByRole('heading', { name: 'New plan' })).toBeTruthy();
    expect(field(/^Data from/).value).toBe('15/12');
    expect(field(/^Reports open/).value).toBe('1/11');
    expect(field(/^Reports due/).value).toBe('30/11');

    type(field(/^Decision number/), '12/QĐ-UBND');
    type(field(/^Date of the decision/), '20/05/2025');
    type(field(/^Issued by/), 'UBND tỉnh');
    type(field(/^Title \(Vietnamese\)/), 'Kế hoạch mới');
    type(field(/^Code/, 0), 'SKHCN');
    type(field(/^Name \(Vietnamese\)/), 'Sở KH&CN');
    type(field(/^Code/, 1), '1');
    type(field(/^Indicator \(Vietnamese\)/), 'Số hợp đồng');
    type(field(/^Unit \(Vietnamese\)/), 'hợp đồng');
    type(field(/^Year/), '2026');
    type(field(/^Value/), '5');
    type(field(/^Responsible agency/), 'SKHCN');
    type(field(/^Source of the figure/), 'platform');
    await waitFor(() => expect(screen.getByRole('option', { name: 'Transfer contracts signed' })).toBeTruthy());
    type(field(/^What the platform counts/), 'transfers.signed');
    await waitFor(() => expect(screen.getByRole('option', { name: 'Biotechnology' })).toBeTruthy());
    type(field(/^Sector/), 'biotech');
    fireEvent.click(screen.getByRole('button', { name: 'Save the plan' }));

    await screen.findByText('elsewhere');
    const post = calls.find((c) => c.method === 'POST' && c.path === '/plans');
    expect(post?.body).toEqual({
      number: '12/QĐ-UBND',
      date: '2025-05-20',
      issuer: 'UBND tỉnh',
      title: 'Kế hoạch mới',
      titleEn: '',
      rule: { start: { day: 15, month: 12 }, opens: { day: 1, month: 11 }, due: { day: 30, month: 11 } },
      agencies: [{ code: 'SKHCN', name: 'Sở KH&CN' }],
      targets: [
        {
          code: '1',
          indicator: 'Số hợp đồng',
          unit: 'hợp đồng',
          baseline: 0,
          milestones: [{ year: 2026, value: 5 }],
          responsible: 'SKHCN',
          coOperating: [],
          source: 'platform',
          query: { metric: 'transfers.signed', filters: { sector: 'biotech' } },
        },
      ],
    });
  });

  it('edits a plan with If-Match, keeps what it does not show, and shows the server’s field errors', async () => {
    const { calls } = mockApi({
      ...session,
      'GET /plans/p1': () => json(200, plan),
      'PATCH /plans/p1': () =>
        problem(422, 'validation_failed', 'Invalid input.', {
          errors: [{ field: 'targets.0.milestones.0.year', code: 'out_of_range', message: 'Year from 2000 to 2100.' }],
        }),
    });
    renderApp(<PlanForm />, { path: '/plan/:id/edit', route: '/plan/p1/edit' });
    expect(await screen.findByDisplayValue('684/QĐ-UBND')).toBeTruthy();
    type(field(/^Year/), '1990');
    fireEvent.click(screen.getByRole('button', { name: 'Save the plan' }));

    expect(await screen.findByText('Year from 2000 to 2100.')).toBeTruthy();
    expect(field(/^Year/).getAttribute('aria-invalid')).toBe('true');
    const patch = calls.find((c) => c.method === 'PATCH');
    expect(patch?.headers['if-match']).toBe('"3"');
    const body = patch?.body as { agencies: unknown[]; targets: Array<Record<string, unknown>> };
    expect(body.agencies[1]).toEqual({ code: 'SCT', name: 'Sở Công Thương', orgId: 'o9' });
    expect(body.targets[0]).toMatchObject({ unitEnOne: 'contract', milestones: [{ year: 1990, value: 10 }], source: 'reported' });
    expect(body.targets[0].query).toBeUndefined();
  });
});
