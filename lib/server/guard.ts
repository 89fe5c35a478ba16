/**
 * Who may talk to the server, decided once per request before any route runs
 * (proxy.ts calls it for pages and every /api route):
 *
 * - the Host must be one this server answers to (a DNS-rebinding page names
 *   its own host, so it is refused);
 * - with SIFT_TOKEN set, every API route and page needs the token, as a bearer
 *   header or as the session cookie the login form sets;
 * - writes must be JSON and same-origin (Origin / Sec-Fetch-Site), unless they
 *   carry the bearer token, which no other site's page can know.
 *
 * Pure apart from reading the environment in `guardConfigFromEnv`, so the
 * unit tests run it on plain Requests.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { networkInterfaces } from 'node:os';

export const SESSION_COOKIE = 'sift_session';

export interface GuardConfig {
  /** SIFT_TOKEN, or null when the server is open to whoever can reach it (localhost). */
  token: string | null;
  /** Host names (lower case, no port, IPv6 without brackets) the server answers to. */
  allowedHosts: ReadonlySet<string>;
}

const LOOPBACK = ['localhost', '127.0.0.1', '::1'];
const WILDCARDS = new Set(['0.0.0.0', '::', '']);

/** A host as written in a Host header or a list: lower case, port and IPv6 brackets removed. */
export function hostName(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') > 0 ? h.indexOf(']') : undefined);
  const colon = h.indexOf(':');
  // One colon: name:port. More: a bare IPv6 address.
  return colon >= 0 && h.indexOf(':', colon + 1) < 0 ? h.slice(0, colon) : h;
}

function machineAddresses(): string[] {
  try {
    return Object.values(networkInterfaces())
      .flat()
      .map((a) => a?.address.toLowerCase() ?? '')
      .filter(Boolean);
  } catch {
    return [];
  }
}

/**
 * The configuration from the environment: SIFT_TOKEN, SIFT_HOST (the address
 * `npm start` binds) and SIFT_ALLOWED_HOSTS (comma-separated names people use
 * to reach a team server). This machine's own IP addresses are always allowed:
 * a rebinding page names a domain, never our address.
 */
export function guardConfigFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): GuardConfig {
  const hosts = new Set(LOOPBACK);
  for (const a of machineAddresses()) hosts.add(a);
  const bind = hostName(env.SIFT_HOST ?? '');
  if (!WILDCARDS.has(bind)) hosts.add(bind);
  for (const h of (env.SIFT_ALLOWED_HOSTS ?? '').split(',')) if (h.trim()) hosts.add(hostName(h));
  const token = env.SIFT_TOKEN?.trim() ? env.SIFT_TOKEN.trim() : null;
  return { token, allowedHosts: hosts };
}

/** Constant-time equality of two strings (false at once when their lengths differ). */
export const sameBytes = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** The session cookie's value for a token: an HMAC, so the cookie never holds the token itself. */
export function sessionValue(token: string): string {
  return createHmac('sha256', token).update('sift-session-v1').digest('base64url');
}

/** `Authorization: Bearer <token>`, the scheme in any case (RFC 9110 §11.1). */
export function bearerToken(request: Request): string | null {
  const m = /^\s*bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '');
  return m ? m[1] : null;
}

function cookie(request: Request, name: string): string | null {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export type Credential = 'none-needed' | 'bearer' | 'cookie' | null;

/** How the request proves it may use a token-protected server; null when it does not. */
export function credential(request: Request, config: GuardConfig): Credential {
  if (!config.token) return 'none-needed';
  const bearer = bearerToken(request);
  if (bearer !== null && sameBytes(bearer, config.token)) return 'bearer';
  const session = cookie(request, SESSION_COOKIE);
  if (session !== null && sameBytes(session, sessionValue(config.token))) return 'cookie';
  return null;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface Refusal {
  status: number;
  message: string;
  headers?: Record<string, string>;
}

/** The host:port a request was sent to, from its Host header (or its URL when a test builds one without). */
function requestHost(request: Request): string {
  return (request.headers.get('host') ?? new URL(request.url).host).toLowerCase();
}

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

/** "host:port" with the scheme's default port made explicit, so http://a and a:80 compare equal. */
function withPort(host: string, protocol: string): string {
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
  const rest = host.slice(name.length);
  return `${name}:${rest.startsWith(':') ? rest.slice(1) : (DEFAULT_PORTS[protocol] ?? '')}`;
}

/** Whether a browser says this request comes from a page of this very origin. */
export function isSameOrigin(request: Request): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin') return false;
  const origin = request.headers.get('origin');
  if (origin === null) return site === 'same-origin';
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  const host = requestHost(request);
  return withPort(parsed.host, parsed.protocol) === withPort(host, parsed.protocol);
}

function isJson(request: Request): boolean {
  const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  return type === 'application/json';
}

/**
 * Checks a request to an API route; null when it may proceed. `login` marks
 * the login route, which is how a browser gets the session cookie, so it
 * needs no credential (but everything else).
 */
export function checkApiRequest(request: Request, config: GuardConfig, options: { login?: boolean } = {}): Refusal | null {
  const host = hostName(requestHost(request));
  if (!config.allowedHosts.has(host)) {
    return { status: 403, message: `this server does not answer to the host "${host.slice(0, 100)}"; if that is how people reach it, add it to SIFT_ALLOWED_HOSTS` };
  }
  const cred = options.login ? 'none-needed' : credential(request, config);
  if (cred === null) {
    return {
      status: 401,
      message: 'this server needs its token: sign in on the page, or send Authorization: Bearer <token>',
      headers: { 'WWW-Authenticate': 'Bearer realm="sift"' },
    };
  }
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  if (!isJson(request)) return { status: 415, message: 'writes must be sent as Content-Type: application/json' };
  if (cred !== 'bearer' && !isSameOrigin(request)) {
    return { status: 403, message: 'cross-origin write refused: writes need a same-origin Origin header (the Sift page sends one) or Authorization: Bearer <token>' };
  }
  return null;
}

/** For a page: whether to show it, send the browser to the login form, or refuse the host. */
export function checkPageRequest(request: Request, config: GuardConfig): 'ok' | 'login' | Refusal {
  const host = hostName(requestHost(request));
  if (!config.allowedHosts.has(host)) return { status: 403, message: `this server does not answer to the host "${host.slice(0, 100)}"; add it to SIFT_ALLOWED_HOSTS` };
  return credential(request, config) === null ? 'login' : 'ok';
}
