/**
 * What compiling the tokenizer would buy, measured side by side in one run on
 * the demo corpus: the real tokenizer (spaCy rules behind a chunk cache), the
 * bare chunk-cache lookup it is built on written as a plain JavaScript loop,
 * and the same loop in C (gcc -O2; skipped when gcc is missing). The bare
 * lookup does no tokenizing at all, so its rate is a ceiling for any
 * tokenizer of this design in that language. Warm figures: best of passes 2–3.
 *   npx tsx bench/compiled-floor.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tokenize } from '../lib/scoring/tokenizer/spacy-en';
import { demoTexts } from './support';

const texts = await demoTexts();
const joined = texts.join('\u0000');
const mb = Buffer.byteLength(joined) / 1e6;

/** bench/native/chunk-lookup.c, line for line. */
function chunkLookupPass(s: string, table: { hashes: Uint32Array; offsets: Uint32Array; lengths: Uint32Array; used: Uint8Array; pool: Uint16Array; pooled: number }) {
  const capacity = table.used.length;
  const isBreak = (c: number) => c === 32 || c === 10 || c === 0;
  let chunks = 0;
  let distinct = 0;
  let i = 0;
  const n = s.length;
  while (i < n) {
    while (i < n && isBreak(s.charCodeAt(i))) i++;
    const from = i;
    let h = 2166136261;
    while (i < n && !isBreak(s.charCodeAt(i))) h = Math.imul(h ^ s.charCodeAt(i++), 16777619) >>> 0;
    if (i === from) break;
    const length = i - from;
    chunks++;
    for (let k = h & (capacity - 1); ; k = (k + 1) & (capacity - 1)) {
      if (!table.used[k]) {
        table.used[k] = 1;
        table.hashes[k] = h;
        table.lengths[k] = length;
        table.offsets[k] = table.pooled;
        for (let j = 0; j < length; j++) table.pool[table.pooled + j] = s.charCodeAt(from + j);
        table.pooled += length;
        distinct++;
        break;
      }
      if (table.hashes[k] === h && table.lengths[k] === length) {
        const o = table.offsets[k];
        let j = 0;
        while (j < length && table.pool[o + j] === s.charCodeAt(from + j)) j++;
        if (j === length) break;
      }
    }
  }
  return { chunks, distinct };
}

const rows: Array<{ name: string; passes: number[]; note: string }> = [];

const tokenizerPasses: number[] = [];
for (let pass = 0; pass < 3; pass++) {
  const start = performance.now();
  for (const t of texts) tokenize(t);
  tokenizerPasses.push((performance.now() - start) / 1000);
}
rows.push({ name: 'tokenizer (JavaScript, spaCy rules)', passes: tokenizerPasses, note: 'tokens, offsets, chunk index' });

const capacity = 1 << 22;
const table = { hashes: new Uint32Array(capacity), offsets: new Uint32Array(capacity), lengths: new Uint32Array(capacity), used: new Uint8Array(capacity), pool: new Uint16Array(joined.length), pooled: 0 };
const lookupPasses: number[] = [];
let jsCounts = '';
for (let pass = 0; pass < 3; pass++) {
  const start = performance.now();
  const { chunks, distinct } = chunkLookupPass(joined, table);
  lookupPasses.push((performance.now() - start) / 1000);
  if (pass === 0) jsCounts = `${chunks} chunks, ${distinct} distinct`;
}
rows.push({ name: 'bare chunk lookup (JavaScript)', passes: lookupPasses, note: jsCounts });

const dir = mkdtempSync(join(tmpdir(), 'sift-floor-'));
try {
  const textFile = join(dir, 'demo.txt');
  const binary = join(dir, 'chunk-lookup');
  writeFileSync(textFile, joined);
  execFileSync('gcc', ['-O2', '-o', binary, join(import.meta.dirname, 'native/chunk-lookup.c')]);
  const lines = execFileSync(binary, [textFile], { encoding: 'utf8' }).trim().split('\n').map((l) => l.split(' '));
  rows.push({ name: 'bare chunk lookup (C, gcc -O2)', passes: lines.map((l) => Number(l[3])), note: `${lines[0][1]} chunks, ${lines[0][2]} distinct` });
} catch (e) {
  console.log(`C row skipped: ${(e as Error).message.split('\n')[0]}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const warm = (passes: number[]) => Math.min(...passes.slice(1));
const base = warm(lookupPasses);
console.log(`demo corpus: ${texts.length} documents, ${mb.toFixed(1)} MB\n`);
console.log('what                                   first pass   warm      MB/s warm   vs JS lookup   counts');
for (const r of rows) {
  const w = warm(r.passes);
  console.log(`${r.name.padEnd(38)} ${r.passes[0].toFixed(3).padStart(8)} s ${w.toFixed(3).padStart(7)} s ${(mb / w).toFixed(0).padStart(8)} ${(base / w).toFixed(2).padStart(12)}×   ${r.note}`);
}
