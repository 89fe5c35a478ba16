/**
 * The login form's endpoint: a browser trades the server token for an
 * HttpOnly, SameSite=Strict session cookie once, so pages, workers and
 * DuckDB's range reads all carry it without any script ever holding it.
 * The proxy has already checked the host, JSON and same origin.
 */
import { SESSION_COOKIE, sameBytes, sessionValue, type GuardConfig } from './guard';

const WEEK = 7 * 24 * 3600;
const json = (status: number, body: unknown, headers: Record<string, string> = {}) => Response.json(body, { status, headers });

function secure(request: Request): boolean {
  return request.headers.get('x-forwarded-proto') === 'https' || new URL(request.url).protocol === 'https:';
}

function cookieHeader(request: Request, value: string, maxAge: number): string {
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure(request) ? '; Secure' : ''}`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** POST /api/login {"token": "..."}: 204 with the session cookie, 401 for a wrong token (after a pause, against guessing). */
export async function postLogin(request: Request, config: GuardConfig): Promise<Response> {
  if (!config.token) return json(200, { ok: true, message: 'this server has no token; nothing to sign in to' });
  const text = await request.text().catch(() => '');
  if (text.length > 4096) return json(413, { error: 'body too large for a token' });
  let token: unknown;
  try {
    token = (JSON.parse(text) as { token?: unknown })?.token;
  } catch {
    return json(400, { error: 'body: expected {"token": "..."}', field: 'body' });
  }
  if (typeof token !== 'string' || token === '') return json(400, { error: 'token: expected a string', field: 'token' });
  if (!sameBytes(token.trim(), config.token)) {
    await sleep(500);
    return json(401, { error: 'wrong token' });
  }
  return new Response(null, { status: 204, headers: { 'Set-Cookie': cookieHeader(request, sessionValue(config.token), WEEK), 'Cache-Control': 'no-store' } });
}

/** DELETE /api/login: forgets the session cookie. */
export function deleteLogin(request: Request): Response {
  return new Response(null, { status: 204, headers: { 'Set-Cookie': cookieHeader(request, '', 0) } });
}
