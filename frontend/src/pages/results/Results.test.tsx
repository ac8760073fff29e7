import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import Results from './Results';
import { supportRows } from './results';
import i18n from '../../i18n';
import { json, mockApi, renderApp } from '../../test/helpers';
import type { PublicResults, ResultFigure } from '../../api/types';

const t = i18n.getFixedT('vi');

function fig(f: Partial<ResultFigure>): ResultFigure {
  return {
    section: 'transfers', year: 2026, dimension: 'sector', key: '', labelVi: '', labelEn: '', unit: 'vnd', metric: 'transfers.signed',
    count: null, value: null, target: null, achieved: null, status: '', suppressed: '', ...f,
  };
}

const period = (year: number) => ({
  year, from: '', to: '', firstDay: `${year - 1}-12-15`, lastDay: `${year}-12-14`, opens: '', due: '', dueDay: `${year}-11-30`,
});

const doc: PublicResults = {
  schema: 'techmart.public-results/v1',
  generatedAt: '2026-12-07T00:00:00Z',
  minCell: 3,
  years: [period(2025), period(2026)],
  figures: [
    fig({ key: 'biotech', labelVi: 'Công nghệ sinh học', labelEn: 'Biotechnology', count: 4, value: 1_500_000 }),
    fig({ key: 'ict', labelVi: 'Công nghệ thông tin', labelEn: 'ICT', suppressed: 'small' }),
    fig({ key: 'medicine', labelVi: 'Y dược', labelEn: 'Medicine', suppressed: 'complement' }),
    fig({ dimension: 'total', labelVi: 'Tổng số', labelEn: 'Total', count: 9, value: 9_000_000 }),
    fig({ year: 2025, dimension: 'total', labelVi: 'Tổng số', labelEn: 'Total', count: 0, value: 0 }),
    fig({ section: 'support', dimension: 'program', key: 'p1', labelVi: 'Chương trình 1', labelEn: 'Programme 1', metric: 'support.enterprises', unit: 'count', count: 2 }),
    fig({ section: 'support', dimension: 'program', key: 'p1', labelVi: 'Chương trình 1', labelEn: 'Programme 1', metric: 'support.committed', value: 300_000_000 }),
    fig({ section: 'support', dimension: 'program', key: 'p1', labelVi: 'Chương trình 1', labelEn: 'Programme 1', metric: 'support.disbursed', value: 100_000_000 }),
    fig({ section: 'projects', dimension: 'total', metric: 'support.accepted', unit: 'count', count: 1 }),
    fig({ section: 'tasks', dimension: 'total', metric: 'tasks.accepted', unit: 'count', count: 1 }),
    fig({ section: 'events', dimension: 'total', labelVi: 'Tổ chức tham gia', labelEn: 'Organisations taking part', metric: 'events.participants', unit: 'count', count: 12 }),
    fig({ section: 'events', dimension: 'kind', key: 'mou', labelVi: 'Biên bản ghi nhớ (MoU)', labelEn: 'Memoranda of understanding (MoU)', metric: 'events.deals', count: 5, value: 0 }),
    fig({ section: 'events', dimension: 'kind', key: 'contract', labelVi: 'Hợp đồng', labelEn: 'Contracts', metric: 'events.deals', suppressed: 'small' }),
    fig({ section: 'events', dimension: 'total', labelVi: 'Tổng số', labelEn: 'Total', metric: 'events.deals', count: 7, value: 2_500_000 }),
    fig({ section: 'events', year: 2025, dimension: 'total', labelVi: 'Tổ chức tham gia', labelEn: 'Organisations taking part', metric: 'events.participants', unit: 'count', count: 0 }),
    fig({ section: 'events', year: 2025, dimension: 'total', labelVi: 'Tổng số', labelEn: 'Total', metric: 'events.deals', count: 0, value: 0 }),
  ],
  transfers: [{ id: 't1', title: 'Quy trình chè', supplier: 'Viện A', recipient: 'HTX B', value: 1_500_000, signedOn: '2026-03-01', sectors: ['biotech'] }],
  projects: [{ id: 'a1', title: 'Dây chuyền chè', organization: 'HTX B', acceptedOn: '2026-09-09' }],
  tasks: [
    { id: 'k1', title: 'ĐTCT.2026.01 Bảo quản quýt tươi', organization: 'Viện A', acceptedOn: '2026-10-10' },
    { id: 'k0', title: 'ĐTCT.2024.02 Nhân giống chè', organization: 'Viện C', acceptedOn: '2025-03-01' },
  ],
  metrics: [
    { id: 'transfers.signed', label: { vi: 'Hợp đồng đã ký', en: 'Contracts signed' }, counted: { vi: 'Cách tính A', en: 'How A' }, unit: 'count', filters: [] },
    { id: 'events.deals', label: { vi: 'MoU và hợp đồng', en: 'MoUs and contracts' }, counted: { vi: 'Cách tính B', en: 'How B' }, unit: 'count', filters: ['kind'] },
  ],
};

describe('public results page', () => {
  afterEach(() => i18n.changeLanguage('vi'));

  it('shows the plan’s targets with their progress, units in the page’s language and number', async () => {
    const target = (key: string, value: number) =>
      fig({ section: 'targets', dimension: 'target', key, labelVi: `Chỉ tiêu ${key}`, labelEn: `Target ${key}`, unit: 'sản phẩm', unitEn: 'products',
        unitEnOne: 'product', metric: 'reported', target: value, achieved: 0, status: 'behind' });
    mockApi({ 'GET /public/results': () => json(200, { ...doc, figures: [...doc.figures, target('p/1', 1), target('p/2', 3)] }) });
    await i18n.changeLanguage('en');
    renderApp(<Results />, { path: '/results', route: '/results' });
    const targets = await screen.findByTestId('targets');
    const row = (key: string) => targets.querySelector(`tr[data-key="${key}"]`)!.textContent;
    expect(row('p/1')).toContain('Target p/1');
    expect(row('p/1')).toContain('1 product');
    expect(row('p/1')).not.toContain('1 products');
    expect(row('p/2')).toContain('3 products');
    expect(row('p/2')).toContain(i18n.t('results.status.behind'));
  });

  it('shows the year’s figures, withheld ones as “<3” and “ẩn”, says no target is reported, and links the downloads', async () => {
    mockApi({ 'GET /public/results': () => json(200, doc) });
    renderApp(<Results />, { path: '/results', route: '/results' });
    const table = within(await screen.findByTestId('transfers'));
    const row = (key: string) => within(table.getByText((_, el) => el?.getAttribute('data-key') === key) as HTMLElement);
    expect(row('biotech').getByTestId('count').textContent).toBe('4');
    expect(row('ict').getByTestId('count').textContent).toBe('<3');
    expect(row('medicine').getByTestId('value').textContent).toBe('ẩn');
    expect(row('total').getByTestId('count').textContent).toBe('9');
    expect(screen.getByTestId('targets').textContent).toContain(t('results.targets.none'));
    expect(screen.getByTestId('download-csv').getAttribute('href')).toBe('/api/v1/public/results.csv');
    expect(screen.getByTestId('download-json').getAttribute('href')).toBe('/api/v1/public/results.json');
    expect(screen.getByTestId('named').textContent).toContain('Viện A → HTX B');
    expect(document.getElementById('how-transfers-signed')?.textContent).toContain('Cách tính A');

    // Another year: its own figures.
    fireEvent.change(screen.getByLabelText(t('results.year')), { target: { value: '2025' } });
    expect(within(screen.getByTestId('transfers')).getAllByRole('row')).toHaveLength(2); // the heading and 2025's total
  });
});

describe('events section', () => {
  afterEach(() => i18n.changeLanguage('vi'));

  it('shows the year’s participants and deals by kind, a withheld kind as “<3”, in Vietnamese and English', async () => {
    mockApi({ 'GET /public/results': () => json(200, doc) });
    renderApp(<Results />, { path: '/results', route: '/results' });
    const section = await screen.findByTestId('events');
    const events = within(section);
    expect(events.getByRole('heading', { level: 2 }).textContent).toContain(t('results.events.title', { year: 2026 }));
    expect(events.getByTestId('participants').textContent).toContain(`${t('results.events.participants')}: 12`);
    const row = (key: string) => within(section.querySelector(`tr[data-key="${key}"]`) as HTMLElement);
    expect(row('mou').getByRole('rowheader').textContent).toBe('Biên bản ghi nhớ (MoU)');
    expect(row('mou').getByTestId('count').textContent).toBe('5');
    expect(row('contract').getByTestId('count').textContent).toBe('<3');
    expect(row('contract').getByTestId('value').textContent).toBe('<3');
    expect(row('total').getByTestId('count').textContent).toBe('7');
    expect(row('total').getByTestId('value').textContent).toContain('2.500.000');
    expect(document.getElementById('how-events-deals')?.textContent).toContain('Cách tính B');

    // Another year: its own figures only.
    fireEvent.change(screen.getByLabelText(t('results.year')), { target: { value: '2025' } });
    expect(within(screen.getByTestId('events')).getAllByRole('row')).toHaveLength(2);
    expect(screen.getByTestId('participants').textContent).toContain(': 0');

    await i18n.changeLanguage('en');
    expect((await screen.findByTestId('events')).textContent).toContain(i18n.t('results.events.participants'));
    fireEvent.change(screen.getByLabelText(i18n.t('results.year')), { target: { value: '2026' } });
    expect(within(screen.getByTestId('events')).getByText('Memoranda of understanding (MoU)')).toBeTruthy();
  });
});

describe('commissioned tasks on the results page', () => {
  it('counts the year’s accepted tasks and names each with its performer', async () => {
    mockApi({ 'GET /public/results': () => json(200, doc) });
    renderApp(<Results />, { path: '/results', route: '/results' });
    const section = within(await screen.findByTestId('tasks'));
    expect(section.getByRole('heading', { level: 2 }).textContent).toContain(t('results.tasks.title', { year: 2026 }));
    expect(section.getByText(t('results.tasks.count', { count: 1 }))).toBeTruthy();
    expect(section.getAllByRole('listitem')).toHaveLength(1);
    expect(section.getByRole('listitem').textContent).toContain('ĐTCT.2026.01 Bảo quản quýt tươi — Viện A');
  });
});

describe('supportRows', () => {
  it('puts a programme’s three figures on one row', () => {
    const rows = supportRows(doc.figures, 2026);
    expect(rows).toHaveLength(1);
    expect(rows[0].enterprises?.count).toBe(2);
    expect(rows[0].committed?.value).toBe(300_000_000);
    expect(rows[0].disbursed?.value).toBe(100_000_000);
  });
});
