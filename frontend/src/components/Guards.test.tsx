import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { AuthProvider } from '../auth/AuthContext';
import { ConfigProvider } from '../lib/config';
import { json, mockApi, testConfig } from '../test/helpers';
import { RequireAuth, safeNext } from './Guards';

function WhereAmI() {
  const loc = useLocation();
  return <p>at {loc.pathname + loc.search}</p>;
}

function app(route: string) {
  return render(
    <MemoryRouter initialEntries={[route]}>
      <ConfigProvider initial={testConfig}>
        <AuthProvider>
          <Routes>
            <Route
              path="/audit"
              element={
                <RequireAuth roles={['officer', 'admin']}>
                  <p>audit screen</p>
                </RequireAuth>
              }
            />
            <Route path="*" element={<WhereAmI />} />
          </Routes>
        </AuthProvider>
      </ConfigProvider>
    </MemoryRouter>,
  );
}

describe('RequireAuth', () => {
  it('sends visitors to log in and back', async () => {
    mockApi({});
    app('/audit?action=org.verify');
    expect(await screen.findByText('at /login?next=%2Faudit%3Faction%3Dorg.verify')).toBeTruthy();
  });

  it('refuses a logged-in user without the role', async () => {
    localStorage.setItem('techmart.refresh', 'R');
    mockApi({
      'POST /auth/refresh': () => json(200, { accessToken: 'A', refreshToken: 'R2', expiresIn: 900, tokenType: 'Bearer' }),
      'GET /me': () => json(200, { user: { id: 'u', email: 'a@b.vn', fullName: 'A', roles: ['reviewer'] }, organizations: [] }),
    });
    app('/audit');
    expect(await screen.findByRole('heading', { name: 'Không có quyền truy cập' })).toBeTruthy();
    expect(screen.queryByText('audit screen')).toBeNull();
  });

  it('lets an officer in', async () => {
    localStorage.setItem('techmart.refresh', 'R');
    mockApi({
      'POST /auth/refresh': () => json(200, { accessToken: 'A', refreshToken: 'R2', expiresIn: 900, tokenType: 'Bearer' }),
      'GET /me': () => json(200, { user: { id: 'u', email: 'a@b.vn', fullName: 'A', roles: ['officer'] }, organizations: [] }),
    });
    app('/audit');
    expect(await screen.findByText('audit screen')).toBeTruthy();
  });
});

describe('safeNext', () => {
  it('accepts only same-site paths', () => {
    expect(safeNext('/organization')).toBe('/organization');
    expect(safeNext('//evil.example')).toBeNull();
    expect(safeNext('/\\evil.example')).toBeNull();
    expect(safeNext('https://evil.example')).toBeNull();
    expect(safeNext(null)).toBeNull();
  });
});
