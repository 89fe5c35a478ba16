import { NextResponse, type NextRequest } from 'next/server';
import { checkApiRequest, checkPageRequest, guardConfigFromEnv, type GuardConfig } from '@/lib/server/guard';

/** Headers every API answer carries: it is data, never a document to render or frame. */
const API_HEADERS: Record<string, string> = {
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

let cached: { key: string; config: GuardConfig } | null = null;
/** Read from the environment at run time (not build time), once per distinct setting. */
function guardConfig(): GuardConfig {
  const key = [process.env.SIFT_TOKEN, process.env.SIFT_HOST, process.env.SIFT_ALLOWED_HOSTS].join('\0');
  if (cached?.key !== key) cached = { key, config: guardConfigFromEnv() };
  return cached.config;
}

function refuse(status: number, message: string, headers: Record<string, string> = {}) {
  return NextResponse.json({ error: message }, { status, headers: { ...API_HEADERS, ...headers } });
}

/**
 * Every request but static assets passes here. API routes: host allow-list,
 * the token when one is set, same-origin JSON writes (lib/server/guard.ts).
 * Pages: the same host check, the login form when a token is set and the
 * browser has no session, and a strict Content-Security-Policy with a fresh
 * nonce — corpus text is hostile, so only the app's own nonced scripts run,
 * workers and wasm come from the app's origin, and nothing connects elsewhere.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  // A path that is not valid percent-encoded UTF-8 names no file or page (Next would answer 500).
  try {
    decodeURIComponent(pathname);
  } catch {
    return refuse(400, 'the path is not valid percent-encoded UTF-8');
  }
  if (pathname === '/api' || pathname.startsWith('/api/')) {
    const refusal = checkApiRequest(request, guardConfig(), { login: pathname === '/api/login' && request.method === 'POST' });
    if (refusal) return refuse(refusal.status, refusal.message, refusal.headers);
    const response = NextResponse.next();
    for (const [k, v] of Object.entries(API_HEADERS)) response.headers.set(k, v);
    return response;
  }

  const page = checkPageRequest(request, guardConfig());
  if (typeof page === 'object') return new NextResponse(page.message, { status: page.status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...API_HEADERS } });
  if (page === 'login' && pathname !== '/login') {
    const to = new URL('/login', request.url);
    to.searchParams.set('next', pathname + search);
    return NextResponse.redirect(to, 307);
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const dev = process.env.NODE_ENV === 'development';
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' 'wasm-unsafe-eval'${dev ? " 'unsafe-eval'" : ''}`,
    "worker-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  response.headers.set('X-Content-Type-Options', 'nosniff');
  response.headers.set('Referrer-Policy', 'no-referrer');
  return response;
}

// Prefetches included: a prefetched page is still a page and gets the same policy.
export const config = {
  matcher: ['/((?!_next/static/|_next/image/|vendor/|demo/|models/|favicon\\.ico$).*)'],
};
