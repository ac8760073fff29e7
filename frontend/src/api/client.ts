// A small fetch wrapper for the Techmart API.
//
// - The access token lives in memory only; the refresh token in localStorage
//   (REFRESH_KEY) so that a reload keeps the session.
// - Every request carries Accept-Language with the current UI language.
// - On 401 the client refreshes once and retries. Refreshes are single-flight:
//   concurrent requests that fail together share one POST /auth/refresh,
//   because the server rotates refresh tokens and treats reuse as theft.
// - Errors come back as application/problem+json and are turned into ApiError.

import type { TokenPair } from './types';

export const API_BASE = '/api/v1';
export const REFRESH_KEY = 'techmart.refresh';

export interface FieldError {
  field: string;
  code: string;
  message: string;
  /** Limits and the like, e.g. {min: 10}. */
  params?: Record<string, string | number>;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldError[];
  readonly requestId?: string;
  /** Seconds from the Retry-After header (429). */
  readonly retryAfter?: number;

  constructor(init: {
    status: number;
    code: string;
    title?: string;
    detail?: string;
    errors?: FieldError[];
    requestId?: string;
    retryAfter?: number;
  }) {
    super(init.detail || init.title || init.code);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.title = init.title ?? '';
    this.detail = init.detail ?? '';
    this.errors = init.errors ?? [];
    this.requestId = init.requestId;
    this.retryAfter = init.retryAfter;
  }
}

/** Status 0: the request never reached the server (offline, DNS, aborted). */
export const NETWORK_ERROR = 'network_error';

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Parses Retry-After (delta-seconds or an HTTP date) into seconds. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** Turns a failed response into an ApiError, whatever its body is. */
export async function parseProblem(res: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(res.headers.get('Retry-After'));
  let body: unknown = undefined;
  const text = await res.text().catch(() => '');
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  if (body && typeof body === 'object') {
    const p = body as Record<string, unknown>;
    const errors: FieldError[] = Array.isArray(p.errors)
      ? p.errors
          .filter((e): e is Record<string, unknown> => !!e && typeof e === 'object')
          .map((e) => {
            const fe: FieldError = { field: str(e.field) ?? '', code: str(e.code) ?? '', message: str(e.message) ?? '' };
            if (e.params && typeof e.params === 'object') fe.params = e.params as Record<string, string | number>;
            return fe;
          })
      : [];
    return new ApiError({
      status: typeof p.status === 'number' ? p.status : res.status,
      code: str(p.code) ?? `http_${res.status}`,
      title: str(p.title),
      detail: str(p.detail),
      errors,
      requestId: str(p.requestId),
      retryAfter,
    });
  }
  // No problem body (a proxy's error page): the SPA says it in its own words.
  return new ApiError({ status: res.status, code: `http_${res.status}`, retryAfter });
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  query?: Record<string, string | number | undefined | null>;
  /** Attach the access token and refresh on 401 (default true). */
  auth?: boolean;
  signal?: AbortSignal;
  /** The browser's HTTP cache mode (fetch's `cache`). */
  cache?: RequestCache;
}

export interface ApiResponse<T> {
  status: number;
  data: T;
  headers: Headers;
}

export interface ClientOptions {
  baseUrl?: string;
  fetch?: typeof fetch;
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  getLanguage?: () => string;
}

export class ApiClient {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  private readonly getLanguage: () => string;
  private accessToken: string | null = null;
  private refreshing: Promise<boolean> | null = null;
  private expiredListeners = new Set<() => void>();

  constructor(opts: ClientOptions = {}) {
    this.baseUrl = opts.baseUrl ?? API_BASE;
    this.fetchImpl = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.storage = opts.storage ?? (typeof localStorage !== 'undefined' ? localStorage : null);
    this.getLanguage = opts.getLanguage ?? (() => 'vi');
  }

  /** Called when the server rejects the refresh token: the session is over. */
  onSessionExpired(listener: () => void): () => void {
    this.expiredListeners.add(listener);
    return () => this.expiredListeners.delete(listener);
  }

  setSession(tokens: TokenPair): void {
    this.accessToken = tokens.accessToken;
    this.storage?.setItem(REFRESH_KEY, tokens.refreshToken);
  }

  clearSession(): void {
    this.accessToken = null;
    this.storage?.removeItem(REFRESH_KEY);
  }

  /** True when a refresh token is stored (the user may still be logged in). */
  hasSession(): boolean {
    return !!this.refreshToken();
  }

  refreshToken(): string | null {
    return this.storage?.getItem(REFRESH_KEY) ?? null;
  }

  /**
   * Exchanges the refresh token for a new pair. Concurrent callers share one
   * request. Resolves false when the server rejects the token (the session is
   * cleared and listeners are told); network failures reject, keeping the
   * session so a weak connection does not log anyone out.
   */
  refresh(): Promise<boolean> {
    if (!this.refreshing) {
      this.refreshing = this.doRefresh().finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  private async doRefresh(): Promise<boolean> {
    const token = this.refreshToken();
    if (!token) return false;
    const res = await this.send('/auth/refresh', { method: 'POST', body: { refreshToken: token }, auth: false }, null);
    if (res.ok) {
      const pair = (await res.json()) as TokenPair;
      this.setSession(pair);
      return true;
    }
    if (res.status === 400 || res.status === 401 || res.status === 403) {
      this.clearSession();
      for (const l of [...this.expiredListeners]) l();
      return false;
    }
    throw await parseProblem(res);
  }

  private url(path: string, query?: RequestOptions['query']): string {
    let url = this.baseUrl + path;
    if (query) {
      const qs = new URLSearchParams();
      for (const [k, v] of Object.entries(query)) {
        if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
      }
      const s = qs.toString();
      if (s) url += (url.includes('?') ? '&' : '?') + s;
    }
    return url;
  }

  private async send(path: string, opts: RequestOptions, token: string | null): Promise<Response> {
    const headers: Record<string, string> = {
      Accept: 'application/json, application/problem+json',
      'Accept-Language': this.getLanguage(),
      ...opts.headers,
    };
    let body: BodyInit | undefined;
    if (typeof FormData !== 'undefined' && opts.body instanceof FormData) {
      body = opts.body; // the browser sets multipart/form-data with its boundary
    } else if (opts.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    if (token) headers.Authorization = `Bearer ${token}`;
    try {
      return await this.fetchImpl(this.url(path, opts.query), {
        method: opts.method ?? 'GET',
        headers,
        body,
        signal: opts.signal,
        cache: opts.cache,
        credentials: 'same-origin',
      });
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') throw err;
      throw new ApiError({ status: 0, code: NETWORK_ERROR, detail: err instanceof Error ? err.message : String(err) });
    }
  }

  async request<T>(path: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
    const res = await this.raw(path, opts);
    let data: unknown = undefined;
    if (res.status !== 204) {
      const text = await res.text();
      data = text ? JSON.parse(text) : undefined;
    }
    return { status: res.status, data: data as T, headers: res.headers };
  }

  /**
   * Like request, with the same tokens and refresh, but answers the response
   * unread (for files: blobs, or only the headers). Failures still throw.
   */
  async raw(path: string, opts: RequestOptions = {}): Promise<Response> {
    const auth = opts.auth ?? true;
    if (auth && !this.accessToken && this.hasSession()) {
      // After a reload only the refresh token is left: get an access token first.
      await this.refresh();
    }
    let token = auth ? this.accessToken : null;
    let res = await this.send(path, opts, token);
    if (res.status === 401 && auth && this.hasSessionOrToken(token)) {
      let ok: boolean;
      if (this.accessToken && this.accessToken !== token) {
        ok = true; // another request refreshed while this one was in flight
      } else {
        ok = await this.refresh();
      }
      if (ok) {
        token = this.accessToken;
        res = await this.send(path, opts, token);
      }
    }
    if (!res.ok) throw await parseProblem(res);
    return res;
  }

  private hasSessionOrToken(token: string | null): boolean {
    return token !== null || this.hasSession();
  }

  async get<T>(path: string, query?: RequestOptions['query'], opts: RequestOptions = {}): Promise<T> {
    return (await this.request<T>(path, { ...opts, method: 'GET', query })).data;
  }

  async post<T>(path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
    return (await this.request<T>(path, { ...opts, method: 'POST', body })).data;
  }

  async put<T>(path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
    return (await this.request<T>(path, { ...opts, method: 'PUT', body })).data;
  }

  async patch<T>(path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
    return (await this.request<T>(path, { ...opts, method: 'PATCH', body })).data;
  }

  async del(path: string, opts: RequestOptions = {}): Promise<void> {
    await this.request<void>(path, { ...opts, method: 'DELETE' });
  }
}
