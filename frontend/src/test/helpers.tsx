import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { vi } from 'vitest';
import { AuthProvider } from '../auth/AuthContext';
import { ConfigProvider } from '../lib/config';
import type { AppConfig } from '../api/types';

export const testConfig: AppConfig = {
  province: { vi: 'Thái Nguyên', en: 'Thái Nguyên' },
  demo: false,
  smtp: false,
  version: 'test',
};

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const problem = status >= 400;
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': problem ? 'application/problem+json' : 'application/json', ...headers },
  });
}

export interface ServerFieldError {
  field: string;
  code: string;
  /** The server's text for this field, as it writes it (Vietnamese unless asked otherwise). */
  message: string;
  params?: Record<string, string | number>;
}

/**
 * A problem+json answer as the server writes it: the code, its title in the
 * request's language and, for a 422, each field's message.
 */
export function problem(
  status: number,
  code: string,
  title: string,
  opts: { errors?: ServerFieldError[]; detail?: string; headers?: Record<string, string> } = {},
): Response {
  const body: Record<string, unknown> = { type: `urn:techmart:problem:${code}`, status, code, title };
  if (opts.detail) body.detail = opts.detail;
  if (opts.errors) body.errors = opts.errors;
  return json(status, body, opts.headers);
}

export interface Call {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

type Handler = (call: Call) => Response | Promise<Response>;

/** Replaces global fetch with a router of "METHOD /path" → handler; records calls. */
export function mockApi(routes: Record<string, Handler>) {
  const calls: Call[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const method = (init?.method ?? 'GET').toUpperCase();
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const call = { method, path: path + url.search, headers, body };
    calls.push(call);
    const handler = routes[`${method} ${path}`];
    if (!handler) return problem(404, 'not_found', 'Không tìm thấy.');
    return handler(call);
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock };
}

export function renderApp(
  ui: ReactElement,
  { path = '/', route = '/', config = testConfig }: { path?: string; route?: string; config?: AppConfig } = {},
) {
  return render(
    <MemoryRouter initialEntries={[route]}>
      <ConfigProvider initial={config}>
        <AuthProvider>
          <Routes>
            <Route path={path} element={ui} />
            <Route path="*" element={<p>elsewhere</p>} />
          </Routes>
        </AuthProvider>
      </ConfigProvider>
    </MemoryRouter>,
  );
}
