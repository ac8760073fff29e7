import { describe, expect, it, vi } from 'vitest';
import { ApiClient, ApiError, NETWORK_ERROR, parseProblem, parseRetryAfter, REFRESH_KEY } from './client';

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
  });
}

function memoryStorage() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
    map: m,
  };
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const unauthorized = () => json(401, { status: 401, code: 'unauthenticated', title: 'Unauthenticated' });

describe('parseProblem', () => {
  it('reads a problem+json body with field errors', async () => {
    const res = json(422, {
      type: 'about:blank',
      title: 'Dữ liệu không hợp lệ',
      status: 422,
      detail: 'Một số trường không hợp lệ',
      code: 'validation_failed',
      requestId: 'req-1',
      errors: [
        { field: 'email', code: 'invalid_email', message: 'Email sai' },
        { field: 'organization.kind', code: 'invalid_choice', message: 'Sai loại' },
      ],
    });
    const err = await parseProblem(res);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(422);
    expect(err.code).toBe('validation_failed');
    expect(err.title).toBe('Dữ liệu không hợp lệ');
    expect(err.detail).toBe('Một số trường không hợp lệ');
    expect(err.requestId).toBe('req-1');
    expect(err.errors).toEqual([
      { field: 'email', code: 'invalid_email', message: 'Email sai' },
      { field: 'organization.kind', code: 'invalid_choice', message: 'Sai loại' },
    ]);
  });

  it('reads Retry-After on 429', async () => {
    const err = await parseProblem(json(429, { status: 429, code: 'rate_limited' }, { 'Retry-After': '120' }));
    expect(err.code).toBe('rate_limited');
    expect(err.retryAfter).toBe(120);
  });

  it('copes with a body that is not JSON', async () => {
    const err = await parseProblem(new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    expect(err.status).toBe(502);
    expect(err.code).toBe('http_502');
    expect(err.errors).toEqual([]);
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('30')).toBe(30);
    expect(parseRetryAfter(null)).toBeUndefined();
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:02:00 GMT', now)).toBe(120);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('ApiClient', () => {
  it('sends Accept-Language, the bearer token and JSON', async () => {
    const storage = memoryStorage();
    const fetch = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => json(200, { ok: true }));
    const client = new ApiClient({ fetch, storage, getLanguage: () => 'en' });
    client.setSession({ accessToken: 'A1', refreshToken: 'R1', expiresIn: 900, tokenType: 'Bearer' });
    expect(storage.map.get(REFRESH_KEY)).toBe('R1');

    const data = await client.post<{ ok: boolean }>('/things', { a: 1 });
    expect(data).toEqual({ ok: true });
    const [url, init] = fetch.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/v1/things');
    const headers = init.headers as Record<string, string>;
    expect(headers['Accept-Language']).toBe('en');
    expect(headers.Authorization).toBe('Bearer A1');
    expect(headers['Content-Type']).toBe('application/json');
    expect(init.body).toBe('{"a":1}');
  });

  it('builds query strings without empty values', async () => {
    const fetch = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => json(200, { items: [] }));
    const client = new ApiClient({ fetch, storage: memoryStorage() });
    await client.get('/audit', { subject: '', actor: 'a@b.vn', page: 2, action: undefined }, { auth: false });
    expect(fetch.mock.calls[0][0]).toBe('/api/v1/audit?actor=a%40b.vn&page=2');
  });

  it('throws a typed ApiError for problem responses', async () => {
    const fetch = vi.fn(async () => json(409, { status: 409, code: 'already_member', title: 'Conflict' }));
    const client = new ApiClient({ fetch, storage: memoryStorage() });
    await expect(client.post('/x', {}, { auth: false })).rejects.toMatchObject({
      name: 'ApiError',
      status: 409,
      code: 'already_member',
    });
  });

  it('turns a failed fetch into a network_error ApiError and keeps the session', async () => {
    const storage = memoryStorage();
    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    const client = new ApiClient({ fetch, storage });
    client.setSession({ accessToken: 'A1', refreshToken: 'R1', expiresIn: 900, tokenType: 'Bearer' });
    await expect(client.get('/me')).rejects.toMatchObject({ status: 0, code: NETWORK_ERROR });
    expect(client.hasSession()).toBe(true);
  });

  it('refreshes once for concurrent 401s and retries each request (single-flight)', async () => {
    const storage = memoryStorage();
    const refreshGate = deferred<void>();
    let refreshCalls = 0;
    const seen: string[] = [];
    const fetch = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
      const path = String(url);
      const auth = (init?.headers as Record<string, string>).Authorization ?? '';
      if (path === '/api/v1/auth/refresh') {
        refreshCalls++;
        expect(JSON.parse(String(init?.body))).toEqual({ refreshToken: 'R1' });
        await refreshGate.promise;
        return json(200, { accessToken: 'A2', refreshToken: 'R2', expiresIn: 900, tokenType: 'Bearer' });
      }
      seen.push(`${path} ${auth}`);
      if (auth !== 'Bearer A2') return unauthorized();
      return json(200, { path });
    });
    const client = new ApiClient({ fetch, storage });
    client.setSession({ accessToken: 'A1', refreshToken: 'R1', expiresIn: 900, tokenType: 'Bearer' });

    const all = Promise.all([client.get('/one'), client.get('/two'), client.get('/three')]);
    // Let the three requests fail and queue on the same refresh.
    await new Promise((r) => setTimeout(r, 10));
    refreshGate.resolve();
    const results = await all;

    expect(refreshCalls).toBe(1);
    expect(results).toEqual([{ path: '/api/v1/one' }, { path: '/api/v1/two' }, { path: '/api/v1/three' }]);
    expect(seen.filter((s) => s.endsWith('Bearer A2')).length).toBe(3);
    expect(storage.map.get(REFRESH_KEY)).toBe('R2');
  });

  it('does not refresh again when another request already refreshed', async () => {
    const storage = memoryStorage();
    let refreshCalls = 0;
    const slow = deferred<void>();
    const fetch = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
      const path = String(url);
      const auth = (init?.headers as Record<string, string>).Authorization ?? '';
      if (path === '/api/v1/auth/refresh') {
        refreshCalls++;
        return json(200, { accessToken: 'A2', refreshToken: 'R2', expiresIn: 900, tokenType: 'Bearer' });
      }
      if (path === '/api/v1/slow' && auth === 'Bearer A1') {
        await slow.promise; // answers 401 only after the fast one refreshed
        return unauthorized();
      }
      return auth === 'Bearer A2' ? json(200, { path }) : unauthorized();
    });
    const client = new ApiClient({ fetch, storage });
    client.setSession({ accessToken: 'A1', refreshToken: 'R1', expiresIn: 900, tokenType: 'Bearer' });
    const slowReq = client.get('/slow');
    await client.get('/fast');
    slow.resolve();
    await expect(slowReq).resolves.toEqual({ path: '/api/v1/slow' });
    expect(refreshCalls).toBe(1);
  });

  it('gets an access token from the stored refresh token after a reload', async () => {
    const storage = memoryStorage();
    storage.setItem(REFRESH_KEY, 'R1');
    const fetch = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
      if (String(url) === '/api/v1/auth/refresh')
        return json(200, { accessToken: 'A9', refreshToken: 'R9', expiresIn: 900, tokenType: 'Bearer' });
      const auth = (init?.headers as Record<string, string>).Authorization;
      return auth === 'Bearer A9' ? json(200, { me: true }) : unauthorized();
    });
    const client = new ApiClient({ fetch, storage });
    await expect(client.get('/me')).resolves.toEqual({ me: true });
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('ends the session when the refresh token is rejected', async () => {
    const storage = memoryStorage();
    const fetch = vi.fn(async (url: RequestInfo | URL) => {
      if (String(url) === '/api/v1/auth/refresh')
        return json(401, { status: 401, code: 'invalid_refresh_token', title: 'Invalid' });
      return unauthorized();
    });
    const client = new ApiClient({ fetch, storage });
    const expired = vi.fn();
    client.onSessionExpired(expired);
    client.setSession({ accessToken: 'A1', refreshToken: 'R1', expiresIn: 900, tokenType: 'Bearer' });

    await expect(client.get('/me')).rejects.toMatchObject({ status: 401, code: 'unauthenticated' });
    expect(expired).toHaveBeenCalledTimes(1);
    expect(client.hasSession()).toBe(false);
    expect(storage.map.has(REFRESH_KEY)).toBe(false);
    // Only one refresh attempt: /me, /auth/refresh.
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('does not refresh for requests without auth (e.g. a wrong password)', async () => {
    const storage = memoryStorage();
    storage.setItem(REFRESH_KEY, 'R1');
    const fetch = vi.fn(async () => json(401, { status: 401, code: 'invalid_credentials' }));
    const client = new ApiClient({ fetch, storage });
    await expect(client.post('/auth/login', { email: 'a@b.vn', password: 'x' }, { auth: false })).rejects.toMatchObject({
      code: 'invalid_credentials',
    });
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(storage.map.get(REFRESH_KEY)).toBe('R1');
  });

  it('returns undefined for 204 and exposes headers', async () => {
    const fetch = vi.fn(async () => new Response(null, { status: 204 }));
    const client = new ApiClient({ fetch, storage: memoryStorage() });
    await expect(client.del('/x', { auth: false })).resolves.toBeUndefined();
    const fetch2 = vi.fn(async () => json(200, { id: 'o1' }, { ETag: '"3"' }));
    const client2 = new ApiClient({ fetch: fetch2, storage: memoryStorage() });
    const res = await client2.request('/organizations/o1', { auth: false });
    expect(res.headers.get('ETag')).toBe('"3"');
  });
});
