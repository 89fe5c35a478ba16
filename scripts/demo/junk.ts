/**
 * Realistic junk made from clean text: the defect classes DataRater's
 * lowest-rated samples show. Every generator is deterministic given the PRNG.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import type { Prng } from '../../lib/util/prng';

// Windows-1252 bytes 0x80–0x9F (undefined ones map to the C1 control, as browsers do).
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** UTF-8 bytes read as Windows-1252 (or Latin-1): the classic "â€œ" mojibake. */
export function decodeWrongCodec(text: string, codec: 'cp1252' | 'latin1'): string {
  const bytes = new TextEncoder().encode(text);
  let out = '';
  for (const b of bytes) out += String.fromCharCode(codec === 'cp1252' && b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : b);
  return out;
}

const ACCENTED = ['café', 'naïve', 'résumé', 'José', 'Zürich', 'São Paulo', 'déjà vu', 'Müller', 'façade', 'piñata', 'Ångström', 'coöperate'];

/** Curly quotes, dashes, ellipses and a few accented words, so the wrong codec has something to break. */
export function typographize(text: string, rng: Prng): string {
  let out = text
    .replace(/"([^"]*)"/g, '\u201c$1\u201d')
    .replace(/(\w)'(\w)/g, '$1\u2019$2')
    .replace(/ -- /g, ' \u2014 ')
    .replace(/--/g, '\u2014')
    .replace(/\.\.\./g, '\u2026');
  const words = out.split(' ');
  for (let k = 0; k < 3; k++) words.splice(rng.int(0, words.length), 0, rng.pick(ACCENTED));
  out = words.join(' ');
  return out;
}

export function mojibake(text: string, rng: Prng): string {
  const typo = typographize(text, rng);
  const r = rng.next();
  if (r < 0.55) return decodeWrongCodec(typo, 'cp1252');
  if (r < 0.75) return decodeWrongCodec(decodeWrongCodec(typo, 'cp1252'), 'cp1252'); // double-encoded
  if (r < 0.9) return decodeWrongCodec(typo, 'latin1');
  // Latin-1 bytes read as UTF-8: every accented letter becomes U+FFFD.
  return typo.replace(/[^\x00-\x7f]/g, '\ufffd');
}

const OCR_CONFUSIONS: Array<[string, string[]]> = [
  ['m', ['rn', 'nn', 'in']], ['e', ['c', 'o', 'é']], ['l', ['1', 'I', '|']], ['o', ['0', 'c', 'a']],
  ['h', ['li', 'b']], ['i', ['l', '1', 'í', ';']], ['a', ['o', 'u', 'ä']], ['n', ['ri', 'u']],
  ['t', ['f', 'l', '+']], ['s', ['5', 'z']], ['d', ['cl', 'ol']], ['w', ['vv', 'w']], ['.', [',', '·']],
  ['c', ['e', '(']], ['r', ['n', 'i']], ['u', ['ii', 'n']], ['f', ['t', 'ſ']], ['g', ['q', '9']],
];
const OCR_SYMBOLS = ['~', '|', '¬', '■', '^', '»', '«', '•', '¦', '°', '\\', '/'];

/** Character confusions, broken words, stray symbols and hard line breaks with hyphenation, as in scanned books. */
export function ocrNoise(text: string, rng: Prng): string {
  const rate = 0.05 + rng.next() * 0.12;
  const map = new Map(OCR_CONFUSIONS);
  let out = '';
  for (const ch of text) {
    const r = rng.next();
    const alts = map.get(ch);
    if (alts && r < rate) out += rng.pick(alts);
    else if (/\w/.test(ch) && r < rate + 0.02) out += ch + ' ';
    else if (r < rate + 0.025) out += ch + rng.pick(OCR_SYMBOLS);
    else out += ch;
  }
  const width = rng.int(38, 70);
  const lines: string[] = [];
  let line = '';
  for (const word of out.replace(/\s+/g, ' ').split(' ')) {
    if (line.length + word.length > width && line.length > 0) {
      if (word.length > 6 && rng.chance(0.4)) {
        const cut = rng.int(2, word.length - 3);
        lines.push(`${line} ${word.slice(0, cut)}-`);
        line = word.slice(cut);
        continue;
      }
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  if (rng.chance(0.5)) lines.splice(rng.int(0, lines.length), 0, String(rng.int(2, 480)));
  return lines.join('\n');
}

export function whitespaceFlood(text: string, rng: Prng): string {
  const sentences = text.split(/(?<=[.!?])\s+/);
  const style = rng.int(0, 3);
  const gap = () => {
    if (style === 0) return ' '.repeat(rng.int(20, 300));
    if (style === 1) return '\n'.repeat(rng.int(8, 60));
    if (style === 2) return '\t'.repeat(rng.int(5, 40)) + '\n'.repeat(rng.int(2, 10));
    return ' \n'.repeat(rng.int(10, 80)) + '\u00a0'.repeat(rng.int(5, 50));
  };
  return sentences.map((s) => (rng.chance(0.6) ? s + gap() : s)).join(' ');
}

const CONTROL = [0, 1, 2, 3, 4, 5, 6, 7, 8, 0x0b, 0x0c, 0x0e, 0x0f, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f, 0x7f];
const INVISIBLE = [0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x202a, 0x202e, 0x2060, 0xfeff, 0x00ad, 0x0085];

export function controlChars(text: string, rng: Prng): string {
  const rate = 0.01 + rng.next() * 0.06;
  let out = '';
  for (const ch of text) {
    out += ch;
    if (rng.next() < rate) {
      const n = rng.chance(0.2) ? rng.int(2, 12) : 1;
      for (let k = 0; k < n; k++) out += String.fromCharCode(rng.chance(0.7) ? rng.pick(CONTROL) : rng.pick(INVISIBLE));
    }
  }
  return out;
}

const HEX = '0123456789abcdef';
const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const randomString = (rng: Prng, alphabet: string, n: number) => Array.from({ length: n }, () => alphabet[rng.int(0, alphabet.length - 1)]).join('');

/** Tables and lists of numbers or strings: high-entropy text with little language in it. */
export function numberTable(rng: Prng, words: string[]): string {
  const kind = rng.int(0, 4);
  const rows = rng.int(15, 70);
  const out: string[] = [];
  if (kind === 0) {
    const cols = rng.int(4, 9);
    out.push(Array.from({ length: cols }, (_, i) => (i === 0 ? 'date' : `${rng.pick(words).toLowerCase()}_${i}`)).join(','));
    for (let r = 0; r < rows; r++) {
      const d = `20${rng.int(10, 23)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
      out.push([d, ...Array.from({ length: cols - 1 }, () => (rng.next() * 10 ** rng.int(0, 5)).toFixed(rng.int(0, 4)))].join(','));
    }
  } else if (kind === 1) {
    for (let r = 0; r < rows; r++) out.push(`${randomString(rng, HEX, 40)}  ${randomString(rng, HEX, 8)}  ${rng.int(0, 99999)}`);
  } else if (kind === 2) {
    for (let r = 0; r < rows; r++) {
      const name = `${rng.pick(words)} ${rng.pick(words)}`.padEnd(24);
      out.push(`${String(r + 1).padStart(3)} ${name}${Array.from({ length: 6 }, () => String(rng.int(0, 250)).padStart(5)).join('')}`);
    }
  } else if (kind === 3) {
    for (let r = 0; r < rows; r++) out.push(Array.from({ length: rng.int(8, 16) }, () => rng.int(0, 65535)).join(' '));
  } else {
    out.push('| id | sku | qty | price | total |', '|---|---|---|---|---|');
    for (let r = 0; r < rows; r++) {
      const q = rng.int(1, 40);
      const p = rng.next() * 200;
      out.push(`| ${rng.int(1000, 9999)} | ${randomString(rng, B62.slice(0, 26), 3)}-${rng.int(100, 999)} | ${q} | ${p.toFixed(2)} | ${(q * p).toFixed(2)} |`);
    }
  }
  return out.join('\n');
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}
const sshString = (b: Buffer | string) => {
  const buf = typeof b === 'string' ? Buffer.from(b) : b;
  return Buffer.concat([u32(buf.length), buf]);
};
const wrap = (b64: string, width: number) => b64.match(new RegExp(`.{1,${width}}`, 'g'))!.join('\n');

const randomBytes = (rng: Prng, n: number) => Buffer.from(Array.from({ length: n }, () => rng.int(0, 255)));

/** Keys come from the seeded PRNG (node:crypto's generators cannot be seeded), so the demo is reproducible. */
function ed25519Key(rng: Prng): KeyObject {
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), randomBytes(rng, 32)]);
  return createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
}

function p256Key(rng: Prng): KeyObject {
  // SEC1 ECPrivateKey without the optional public key; OpenSSL derives it. Scalar stays below the group order.
  const scalar = Buffer.concat([Buffer.from([rng.int(1, 0x7f)]), randomBytes(rng, 31)]);
  const sec1 = Buffer.concat([Buffer.from('30310201010420', 'hex'), scalar, Buffer.from('a00a06082a8648ce3d030107', 'hex')]);
  return createPrivateKey({ key: sec1, format: 'der', type: 'sec1' });
}

/** An Ed25519 key in OpenSSH's own format (node:crypto writes PKCS#8 but not this one). */
function opensshEd25519(rng: Prng): string {
  const privateKey = ed25519Key(rng);
  const priv = privateKey.export({ format: 'jwk' });
  const pub = createPublicKey(privateKey).export({ format: 'jwk' });
  const seed = Buffer.from(priv.d!, 'base64url');
  const pk = Buffer.from(pub.x!, 'base64url');
  const pubBlob = Buffer.concat([sshString('ssh-ed25519'), sshString(pk)]);
  const check = rng.int(0, 0xffffffff);
  let section = Buffer.concat([u32(check), u32(check), sshString('ssh-ed25519'), sshString(pk), sshString(Buffer.concat([seed, pk])), sshString(`deploy@build-${rng.int(1, 99)}`)]);
  const pad: number[] = [];
  for (let i = 1; (section.length + pad.length) % 8 !== 0; i++) pad.push(i);
  section = Buffer.concat([section, Buffer.from(pad)]);
  const body = Buffer.concat([Buffer.from('openssh-key-v1\0'), sshString('none'), sshString('none'), sshString(''), u32(1), sshString(pubBlob), sshString(section)]);
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${wrap(body.toString('base64'), 70)}\n-----END OPENSSH PRIVATE KEY-----`;
}

function pemKey(rng: Prng): string {
  const kind = rng.int(0, 2);
  if (kind === 0) return opensshEd25519(rng);
  if (kind === 1) return p256Key(rng).export({ format: 'pem', type: 'sec1' }).toString().trim();
  return ed25519Key(rng).export({ format: 'pem', type: 'pkcs8' }).toString().trim();
}

/** A private key or API tokens inside config-like text, as leaked in public repositories and pastes. */
export function leakedSecret(rng: Prng, prose: string): string {
  const host = `${rng.pick(['api', 'db', 'cache', 'auth', 'build'])}-${rng.int(1, 40)}.internal`;
  const tokens = [
    `AWS_ACCESS_KEY_ID=AKIA${randomString(rng, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
    `AWS_SECRET_ACCESS_KEY=${randomString(rng, B62 + '/+', 40)}`,
    `GITHUB_TOKEN=ghp_${randomString(rng, B62, 36)}`,
    `SLACK_BOT_TOKEN=xoxb-${rng.int(1e10, 9e10)}-${rng.int(1e10, 9e10)}-${randomString(rng, B62, 24)}`,
    `STRIPE_SECRET_KEY=sk_live_${randomString(rng, B62, 24)}`,
    `OPENAI_API_KEY=sk-${randomString(rng, B62, 48)}`,
  ];
  const style = rng.int(0, 2);
  if (style === 0) {
    return `# ${prose.slice(0, 80)}\n# deploy notes for ${host}\n\n${pemKey(rng)}\n\nHost ${host}\n  User deploy\n  IdentityFile ~/.ssh/id_deploy\n`;
  }
  if (style === 1) {
    const picked = rng.shuffle([...tokens]).slice(0, rng.int(2, 5));
    return `# .env for ${host}\nNODE_ENV=production\nDATABASE_URL=postgres://app:${randomString(rng, B62, 16)}@${host}:5432/app\n${picked.join('\n')}\nLOG_LEVEL=info\n`;
  }
  return `${prose}\n\nserver:\n  host: ${host}\n  tls:\n    key: |\n${pemKey(rng).split('\n').map((l) => `      ${l}`).join('\n')}\n  token: "${tokens[rng.int(0, tokens.length - 1)].split('=')[1]}"\n`;
}

export function allCaps(text: string): string {
  return text.toUpperCase();
}

const NAV = ['Home', 'About Us', 'Contact', 'Privacy Policy', 'Terms of Use', 'Sitemap', 'Login', 'Register', 'Cart', 'FAQ', 'Careers', 'Blog'];
const COOKIE = [
  'We use cookies to improve your experience on our website. By continuing to browse, you agree to our use of cookies.',
  'This site uses cookies. Accept all cookies or manage your preferences in Cookie Settings.',
  'Copyright © 2003-2019 All rights reserved. Reproduction in whole or in part without permission is prohibited.',
  'Click here to subscribe to our newsletter and never miss an update!',
];

/** Repeated lines, navigation menus and cookie banners around a little real text. */
export function repetition(text: string, rng: Prng): string {
  const style = rng.int(0, 2);
  const sentences = text.split(/(?<=[.!?])\s+/).filter((s) => s.length > 10);
  if (style === 0 || sentences.length === 0) {
    const line = sentences.length ? rng.pick(sentences) : text.slice(0, 80);
    return Array.from({ length: rng.int(8, 40) }, () => line).join('\n');
  }
  const nav = rng.shuffle([...NAV]).slice(0, rng.int(5, 10)).join(' | ');
  const parts = [nav, rng.pick(COOKIE)];
  for (let i = 0; i < rng.int(3, 8); i++) parts.push(nav, sentences.length ? rng.pick(sentences) : '', rng.pick(COOKIE));
  return parts.join('\n');
}

/** Prose wrapped in a web page's markup, scripts and styles. */
export function markup(text: string, rng: Prng): string {
  const paras = text.split(/\n\n|(?<=[.!?])\s+(?=[A-Z])/).slice(0, 8);
  const body = paras.map((p) => `<p class="c${rng.int(1, 9)}">${p}</p>`).join('\n');
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${paras[0]?.slice(0, 40) ?? ''}</title>\n<style>.c1{color:#333}.nav li{display:inline}</style>\n<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag('js',new Date());</script></head>\n<body><div id="main"><ul class="nav"><li><a href="/">Home</a></li><li><a href="/about">About</a></li></ul>\n${body}\n</div><script src="/static/app.${randomString(rng, HEX, 8)}.js"></script></body></html>`;
}
