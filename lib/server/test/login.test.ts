import { describe, expect, it } from 'vitest';
import { guardConfigFromEnv, SESSION_COOKIE, sessionValue } from '../guard';
import { deleteLogin, postLogin } from '../login';

const TOKEN = 'a-long-enough-test-token';
const config = guardConfigFromEnv({ SIFT_TOKEN: TOKEN });
const login = (body: string, url = 'http://localhost:3000/api/login', headers: Record<string, string> = {}) =>
  postLogin(new Request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }), config);

describe('POST /api/login', () => {
  it('trades the right token for an HttpOnly, SameSite=Strict session cookie that does not hold the token', async () => {
    const r = await login(JSON.stringify({ token: TOKEN }));
    expect(r.status).toBe(204);
    const cookie = r.headers.get('set-cookie')!;
    expect(cookie).toContain(`${SESSION_COOKIE}=${sessionValue(TOKEN)}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toContain(TOKEN);
    expect(cookie).not.toMatch(/Secure/);
    const tls = await login(JSON.stringify({ token: TOKEN }), 'http://localhost:3000/api/login', { 'x-forwarded-proto': 'https' });
    expect(tls.headers.get('set-cookie')).toMatch(/; Secure/);
  });

  it('refuses a wrong token (401, no cookie) and malformed bodies (400)', async () => {
    const wrong = await login(JSON.stringify({ token: 'nope' }));
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    expect((await login('not json')).status).toBe(400);
    expect((await login(JSON.stringify({ token: 7 }))).status).toBe(400);
    expect((await login(JSON.stringify({ token: 'x'.repeat(5000) }))).status).toBe(413);
  });

  it('says there is nothing to sign in to without a token, and logout clears the cookie', async () => {
    const r = await postLogin(new Request('http://localhost/api/login', { method: 'POST', body: '{}' }), guardConfigFromEnv({}));
    expect(r.status).toBe(200);
    const out = deleteLogin(new Request('http://localhost/api/login', { method: 'DELETE' }));
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
  });
});
