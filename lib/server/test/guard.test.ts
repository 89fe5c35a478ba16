import { describe, expect, it } from 'vitest';
import { checkApiRequest, checkPageRequest, guardConfigFromEnv, hostName, isSameOrigin, SESSION_COOKIE, sessionValue, type GuardConfig } from '../guard';

const open = guardConfigFromEnv({});
const TOKEN = 'correct-horse-battery-staple';
const locked = guardConfigFromEnv({ SIFT_TOKEN: TOKEN });

function req(method: string, headers: Record<string, string> = {}, url = 'http://localhost:3000/api/annotations') {
  return new Request(url, { method, headers: { host: 'localhost:3000', ...headers } });
}
const write = (headers: Record<string, string> = {}) => req('POST', { 'content-type': 'application/json', origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin', ...headers });
const status = (r: Request, c: GuardConfig = open, login = false) => checkApiRequest(r, c, { login })?.status ?? 200;

describe('host names', () => {
  it('drops ports, brackets and case', () => {
    expect(hostName('LocalHost:3000')).toBe('localhost');
    expect(hostName('[::1]:3000')).toBe('::1');
    expect(hostName('::1')).toBe('::1');
    expect(hostName('127.0.0.1')).toBe('127.0.0.1');
  });
});

describe('the request guard', () => {
  it('answers only to allowed hosts: loopback, SIFT_HOST, SIFT_ALLOWED_HOSTS (DNS rebinding names another host)', () => {
    expect(status(req('GET'))).toBe(200);
    expect(status(req('GET', { host: '127.0.0.1:3000' }))).toBe(200);
    expect(status(req('GET', { host: '[::1]:3000' }))).toBe(200);
    const evil = checkApiRequest(req('GET', { host: 'evil.example:3000' }), open);
    expect(evil?.status).toBe(403);
    expect(evil?.message).toContain('SIFT_ALLOWED_HOSTS');
    expect(status(write({ host: 'evil.example:3000', origin: 'http://evil.example:3000' }))).toBe(403);
    const team = guardConfigFromEnv({ SIFT_TOKEN: TOKEN, SIFT_ALLOWED_HOSTS: 'sift.lab.internal, Other.Example:8080' });
    expect(status(req('GET', { host: 'sift.lab.internal:3000', authorization: `Bearer ${TOKEN}` }), team)).toBe(200);
    expect(status(req('GET', { host: 'other.example', authorization: `Bearer ${TOKEN}` }), team)).toBe(200);
    expect(status(req('GET', { host: 'sift.lab.internal.evil.example', authorization: `Bearer ${TOKEN}` }), team)).toBe(403);
    expect(guardConfigFromEnv({ SIFT_HOST: 'box.lab' }).allowedHosts.has('box.lab')).toBe(true);
    expect(guardConfigFromEnv({ SIFT_HOST: '0.0.0.0' }).allowedHosts.has('0.0.0.0')).toBe(false);
  });

  it('refuses writes that are not JSON (text/plain and form posts need no CORS preflight)', () => {
    expect(status(write())).toBe(200);
    expect(status(write({ 'content-type': 'application/json; charset=utf-8' }))).toBe(200);
    expect(status(write({ 'content-type': 'text/plain' }))).toBe(415);
    expect(status(write({ 'content-type': 'application/x-www-form-urlencoded' }))).toBe(415);
    expect(status(write({ 'content-type': 'multipart/form-data; boundary=x' }))).toBe(415);
    const none = req('POST', { origin: 'http://localhost:3000' });
    expect(status(none)).toBe(415);
  });

  it('refuses cross-origin writes: another site, another localhost port, a missing origin', () => {
    expect(status(write({ origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' }))).toBe(403);
    expect(status(write({ origin: 'http://localhost:3001', 'sec-fetch-site': 'same-site' }))).toBe(403);
    expect(status(write({ origin: 'http://localhost:3001' }))).toBe(403);
    expect(status(write({ origin: 'null' }))).toBe(403);
    expect(status(write({ origin: 'https://localhost:3000', 'sec-fetch-site': 'cross-site' }))).toBe(403);
    const bare = req('POST', { 'content-type': 'application/json' });
    expect(status(bare)).toBe(403);
    // A client that says which origin it writes for (curl -H 'Origin: …') may, as the page does.
    expect(status(req('POST', { 'content-type': 'application/json', origin: 'http://localhost:3000' }))).toBe(200);
    expect(status(req('POST', { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' }))).toBe(200);
    expect(isSameOrigin(req('POST', { host: 'localhost', origin: 'http://localhost:80' }))).toBe(true);
  });

  it('with a token, every API request needs it: bearer in any case, or the session cookie', () => {
    const get = (h: Record<string, string>) => status(req('GET', h), locked);
    expect(get({})).toBe(401);
    expect(checkApiRequest(req('GET'), locked)?.headers?.['WWW-Authenticate']).toMatch(/^Bearer/);
    expect(get({ authorization: `Bearer ${TOKEN}` })).toBe(200);
    expect(get({ authorization: `bearer ${TOKEN}` })).toBe(200);
    expect(get({ authorization: `BEARER   ${TOKEN}` })).toBe(200);
    expect(get({ authorization: `Bearer ${TOKEN}x` })).toBe(401);
    expect(get({ authorization: `Basic ${TOKEN}` })).toBe(401);
    expect(get({ authorization: `Bearer ${TOKEN.slice(0, -1)}` })).toBe(401);
    expect(get({ cookie: `a=b; ${SESSION_COOKIE}=${sessionValue(TOKEN)}` })).toBe(200);
    expect(get({ cookie: `${SESSION_COOKIE}=${sessionValue('another-token')}` })).toBe(401);
    expect(get({ cookie: `${SESSION_COOKIE}=${TOKEN}` })).toBe(401);
    // The token itself never appears in the cookie.
    expect(sessionValue(TOKEN)).not.toContain(TOKEN);
  });

  it('a bearer token may write without an origin; a session cookie still needs the same origin', () => {
    expect(status(req('POST', { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }), locked)).toBe(200);
    const cookie = `${SESSION_COOKIE}=${sessionValue(TOKEN)}`;
    expect(status(write({ cookie }), locked)).toBe(200);
    expect(status(write({ cookie, origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' }), locked)).toBe(403);
    expect(status(write({ 'content-type': 'text/plain', authorization: `Bearer ${TOKEN}` }), locked)).toBe(415);
  });

  it('the login route needs no credential, but the host, JSON and same origin', () => {
    expect(status(write(), locked, true)).toBe(200);
    expect(status(write({ origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' }), locked, true)).toBe(403);
    expect(status(write({ 'content-type': 'application/x-www-form-urlencoded' }), locked, true)).toBe(415);
  });

  it('pages: the login form without a session, the page with one; other hosts refused', () => {
    const page = (h: Record<string, string>, c = locked) => checkPageRequest(req('GET', h, 'http://localhost:3000/data'), c);
    expect(page({})).toBe('login');
    expect(page({ cookie: `${SESSION_COOKIE}=${sessionValue(TOKEN)}` })).toBe('ok');
    expect(page({}, open)).toBe('ok');
    expect(page({ host: 'evil.example' }, open)).toMatchObject({ status: 403 });
  });
});
