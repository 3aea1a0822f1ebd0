// The fab API from the browser: same origin, the session cookie sent by the browser, every write with
// the session's CSRF token (the readable `bondline_csrf` cookie) in X-CSRF-Token. A refusal comes back
// as a Result with the API's own code (`unauthenticated`, `not-found`, ...), never as an exception; a
// network failure is the code `unreachable`.
import type { Result } from '@bondline/core';

const CSRF_COOKIE = 'bondline_csrf';

/** Dispatched on window when the API answers 401 (the session ended): the app shows sign-in. */
export const SIGNED_OUT_EVENT = 'bondline:signed-out';

export type ApiResult<T> = Result<T>;

/** The CSRF token of the current session, from its cookie; undefined when signed out. */
function csrfToken(): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === CSRF_COOKIE) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** GET a JSON document. */
export function getJson<T>(path: string, signal?: AbortSignal): Promise<ApiResult<T>> {
  return call<T>('GET', path, undefined, signal);
}

/** A write (POST, DELETE, ...) with the session's CSRF token; `body` sent as JSON when given. */
export function send<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
  return call<T>(method, path, body);
}

async function call<T>(
  method: string,
  path: string,
  body: unknown,
  signal?: AbortSignal,
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const csrf = csrfToken();
  if (method !== 'GET' && csrf !== undefined) headers['x-csrf-token'] = csrf;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(signal === undefined ? {} : { signal }),
    });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, issues: [{ code: 'unreachable', message: `${method} ${path}: ${message}` }] };
  }
  if (res.status === 204) return { ok: true, value: undefined as T };
  const parsed: unknown = await res.json().catch(() => undefined);
  if (res.ok) return { ok: true, value: parsed as T };
  // A failed sign-in is the sign-in page's to say; any other 401 means the session is gone.
  if (res.status === 401 && path !== '/api/session') window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
  return { ok: false, issues: [refusalOf(res.status, parsed)] };
}

// The API's error shape is { code, message, path? }; a proxy's HTML error page is named by its status.
function refusalOf(status: number, body: unknown): { code: string; message: string } {
  if (typeof body === 'object' && body !== null && 'code' in body && 'message' in body) {
    const { code, message } = body as { code: unknown; message: unknown };
    if (typeof code === 'string' && typeof message === 'string') return { code, message };
  }
  return { code: `http-${status}`, message: `the server answered ${status}` };
}
