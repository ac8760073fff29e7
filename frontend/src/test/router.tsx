// Renders screens under their real routes, with a probe that shows the
// current location (for URL-state assertions).
import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { AuthProvider } from '../auth/AuthContext';
import { ConfigProvider } from '../lib/config';
import { testConfig } from './helpers';

function LocationProbe() {
  const l = useLocation();
  return <output data-testid="location">{l.pathname + l.search}</output>;
}

export function location(): string {
  return document.querySelector('[data-testid="location"]')?.textContent ?? '';
}

export function renderRoutes(routes: { path: string; element: ReactElement }[], at: string) {
  return render(
    <MemoryRouter initialEntries={[at]}>
      <ConfigProvider initial={testConfig}>
        <AuthProvider>
          <Routes>
            {routes.map((r) => (
              <Route key={r.path} path={r.path} element={r.element} />
            ))}
            <Route path="*" element={<p>elsewhere</p>} />
          </Routes>
          <LocationProbe />
        </AuthProvider>
      </ConfigProvider>
    </MemoryRouter>,
  );
}
