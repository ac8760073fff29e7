import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import Pipeline, { inFilter, parseFilter } from '../officer/Pipeline';
import { meRoutes } from '../../test/catalog';
import { json, mockApi } from '../../test/helpers';
import { connection, taxonomyRoute } from '../../test/matching';
import { location, renderRoutes } from '../../test/router';
import type { Pipeline as PipelineData } from '../../api/types';

const data: PipelineData = {
  stages: [
    { state: 'requested', count: 12, medianDaysInStage: 3.5, reached: 20 },
    { state: 'accepted', count: 4, medianDaysInStage: 2, reached: 10 },
    { state: 'declined', count: 3, medianDaysInStage: 1, reached: 3 },
    { state: 'negotiating', count: 5, medianDaysInStage: 9, reached: 6 },
    { state: 'agreed', count: 2, medianDaysInStage: 4, reached: 4 },
    { state: 'closed_no_deal', count: 0, medianDaysInStage: 0, reached: 0 },
  ],
  transfers: {
    count: 2,
    contractValue: 570000000,
    registration: { not_required: 0, due: 1, overdue: 1, submitted: 0, registered: 1 },
    implementation: { not_started: 1, in_use: 1 },
  },
  funnel: { interests: 20, connections: 10, agreements: 4, transfers: 2, registered: 1, direct: 1, directRegistered: 1 },
  stale: 3,
};

describe('Pipeline', () => {
  it('reads the filter from the URL and keeps only well-formed dates', () => {
    expect(parseFilter(new URLSearchParams('sector=biotech&from=2026-01-01&to=bad'))).toEqual({
      sector: 'biotech',
      from: '2026-01-01',
      to: '',
    });
    const c = connection({ sectors: ['biotech'], createdAt: '2026-02-10T03:00:00Z' });
    expect(inFilter(c, { sector: 'biotech', from: '2026-02-01', to: '2026-02-28' })).toBe(true);
    expect(inFilter(c, { sector: 'ict', from: '', to: '' })).toBe(false);
    expect(inFilter(c, { sector: '', from: '2026-03-01', to: '' })).toBe(false);
  });

  it('shows the funnel with conversions, stages, transfers by registration and the cards', async () => {
    const { calls } = mockApi({
      ...meRoutes(['officer'], []),
      ...taxonomyRoute,
      'GET /pipeline': () => json(200, data),
      'GET /connections': (c) =>
        json(200, c.path.includes('state=requested') ? { items: [connection({ stale: true })], total: 1 } : { items: [], total: 0 }),
    });
    renderRoutes([{ path: '/officer/pipeline', element: <Pipeline /> }], '/officer/pipeline?sector=agri_processing&from=2026-01-01');
    const funnel = await screen.findByRole('region', { name: 'Phễu chuyển đổi' });
    const steps = within(funnel).getAllByRole('listitem');
    expect(steps.map((s) => s.querySelector('.funnel-count')!.textContent)).toEqual(['20', '10', '4', '2', '1']);
    expect(steps[1].textContent).toContain('50 % từ bước trước');
    expect(steps[2].textContent).toContain('40 % từ bước trước');
    const stages = screen.getByRole('region', { name: 'Theo trạng thái' });
    expect(stages.textContent).toContain('trung vị 3,5 ngày');
    // A stage nobody reached has no median, not "0 days".
    expect(stages.querySelector('[data-state="closed_no_deal"]')!.textContent).toContain('chưa có kết nối nào tới bước này');
    expect(stages.querySelector('[data-state="closed_no_deal"]')!.textContent).not.toContain('trung vị');
    // A transfer recorded outside any connection is said apart from the funnel.
    expect(screen.getByTestId('funnel-direct').textContent).toBe(
      'Ngoài phễu: 1 hợp đồng do Sở ghi nhận không qua kết nối trên sàn (1 đã đăng ký).',
    );
    expect(stages.textContent).toContain('3 kết nối lâu không tiến triển.');
    const reg = screen.getByRole('region', { name: 'Hợp đồng chuyển giao' });
    expect(reg.textContent!.replace(/\s/g, ' ')).toContain('570.000.000 ₫');
    expect(reg.querySelector('.impl-stats')!.textContent).toBe('Chưa triển khai: 1Đã đưa vào sử dụng: 1');
    // Overdue ones are among the due ones, and shown under them.
    const due = reg.querySelector('.highlight-due')!;
    expect(due.textContent).toContain('1 Phải đăng ký');
    expect(within(due as HTMLElement).getByRole('link', { name: /trong đó 1 quá hạn đăng ký/ }).getAttribute('href')).toBe(
      '/transfers?scope=all&registration=overdue',
    );
    expect(calls.find((c) => c.path.startsWith('/pipeline'))!.path).toBe('/pipeline?sector=agri_processing&from=2026-01-01');
    // jsdom is narrow: one stage at a time, chosen with a select.
    const card = (await screen.findByText('Cần công nghệ sấy miến dong')).closest('li')!;
    expect(card.className).toContain('stale');
    expect(calls.some((c) => c.path === '/connections?scope=all&state=requested&page=1&pageSize=20')).toBe(true);
    fireEvent.change(screen.getByLabelText('Bước'), { target: { value: 'negotiating' } });
    await waitFor(() => expect(location()).toBe('/officer/pipeline?sector=agri_processing&from=2026-01-01&stage=negotiating'));
    expect(await screen.findByText('Không có kết nối.')).toBeTruthy();
  });

  it('puts the filters in the URL and checks the dates', async () => {
    const { calls } = mockApi({
      ...meRoutes(['officer'], []),
      ...taxonomyRoute,
      'GET /pipeline': () => json(200, data),
      'GET /connections': () => json(200, { items: [], total: 0 }),
    });
    renderRoutes([{ path: '/officer/pipeline', element: <Pipeline /> }], '/officer/pipeline');
    await screen.findByRole('region', { name: 'Phễu chuyển đổi' });
    await waitFor(() => expect(screen.getAllByRole('option', { name: 'Môi trường' }).length).toBe(1));
    fireEvent.change(screen.getByLabelText('Lĩnh vực'), { target: { value: 'environment' } });
    fireEvent.change(screen.getByLabelText('Từ ngày'), { target: { value: '31/03/2026' } });
    fireEvent.change(screen.getByLabelText('Đến ngày'), { target: { value: '01/03/2026' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lọc' }));
    expect(screen.getByText('Ngày kết thúc phải từ ngày bắt đầu trở đi.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Đến ngày'), { target: { value: '30/04/2026' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lọc' }));
    await waitFor(() => expect(location()).toBe('/officer/pipeline?sector=environment&from=2026-03-31&to=2026-04-30'));
    await waitFor(() => expect(calls.some((c) => c.path === '/pipeline?sector=environment&from=2026-03-31&to=2026-04-30')).toBe(true));
    expect((screen.getByLabelText('Từ ngày') as HTMLInputElement).value).toBe('31/03/2026');
    fireEvent.click(screen.getByRole('button', { name: 'Xóa bộ lọc' }));
    await waitFor(() => expect(location()).toBe('/officer/pipeline'));
  });
});
