import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { MeetingLinks } from './MeetingLinks';
import { meRoutes } from '../../test/catalog';
import { mockApi } from '../../test/helpers';
import { renderRoutes } from '../../test/router';

describe('Links from an event to its meetings', () => {
  it('shows officers the check-in too', async () => {
    mockApi(meRoutes(['officer']));
    renderRoutes([{ path: '/events/:id', element: <MeetingLinks eventId="e1" /> }], '/events/e1');
    expect((await screen.findByRole('link', { name: 'Gặp gỡ B2B' })).getAttribute('href')).toBe('/events/e1/meetings');
    expect(screen.getByRole('link', { name: 'Nhật ký thỏa thuận' }).getAttribute('href')).toBe('/events/e1/deals');
    expect(screen.getByRole('link', { name: 'Check-in tại cửa' }).getAttribute('href')).toBe('/events/e1/checkin');
  });

  it('shows a visitor nothing', async () => {
    mockApi({});
    renderRoutes([{ path: '/events/:id', element: <MeetingLinks eventId="e1" /> }], '/events/e1');
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByRole('link')).toBeNull();
  });
});
