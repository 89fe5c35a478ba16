/**
 * How well the taggers and the `heuristic` selector separate the demo corpus
 * (issue 3's acceptance measures, on data whose labels we know): per clean
 * source, the share of documents with any tag and per tag; per injected defect
 * (spam counts as `boilerplate`), the share carrying that tag; ROC AUC of
 * `heuristic`, clean vs junk. The demo's junk is made by scripts/demo/junk.ts,
 * and its Brown and SpamAssassin text is also the spam model's training text,
 * so these are in-sample figures; scripts/build-models.ts prints held-out ones.
 * Then `ocr_noise` on OCR errors unlike the demo's: 300 Brown documents put through
 * letter-shape misreadings, word splits, stray marks and hyphenated line breaks at
 * several character error rates (seeded), share tagged per rate.
 *   npx tsx bench/tagger-quality.ts [path.parquet]
 */
import { rocAuc } from '../lib/annotations/agreement';
import { NodeConnector } from '../lib/data/connectors/node';
import { scoreText } from '../lib/scoring/score';
import { Prng } from '../lib/util/prng';
import { brownDocs } from '../scripts/demo/sources';

const path = process.argv[2] ?? 'public/demo/demo.parquet';
const conn = await NodeConnector.open();
const rows = await conn.query(`SELECT source, injected_defect, text FROM '${path.replaceAll("'", "''")}' ORDER BY id`);
conn.close();

const pct = (k: number, n: number) => `${((100 * k) / n).toFixed(1)} %`;
const clean = new Map<string, { n: number; any: number; byTag: Map<string, number> }>();
const junk = new Map<string, { n: number; hit: number }>();
const cleanScores: number[] = [];
const junkScores: number[] = [];
for (const row of rows) {
  const s = scoreText(String(row.text ?? ''));
  const source = String(row.source);
  const defect = row.injected_defect ? String(row.injected_defect) : source === 'spam' ? 'boilerplate' : null;
  if (defect === null) {
    const c = clean.get(source) ?? { n: 0, any: 0, byTag: new Map() };
    clean.set(source, c);
    c.n++;
    if (s.tags.length) c.any++;
    for (const t of s.tags) c.byTag.set(t, (c.byTag.get(t) ?? 0) + 1);
    cleanScores.push(s.heuristic);
  } else {
    const j = junk.get(defect) ?? { n: 0, hit: 0 };
    junk.set(defect, j);
    j.n++;
    if ((s.tags as string[]).includes(defect)) j.hit++;
    junkScores.push(s.heuristic);
  }
}

console.log(`${rows.length} documents from ${path}\n\nclean documents tagged (any tag; then per tag)`);
for (const [source, c] of [...clean].sort()) {
  const tags = [...c.byTag].sort((a, b) => b[1] - a[1]).map(([t, k]) => `${t} ${pct(k, c.n)}`);
  console.log(`  ${source.padEnd(10)} ${String(c.n).padStart(6)}  any ${pct(c.any, c.n).padStart(7)}   ${tags.join(', ')}`);
}
console.log('\nrecall: junk documents carrying their own tag');
for (const [defect, j] of [...junk].sort()) console.log(`  ${defect.padEnd(15)} ${String(j.n).padStart(6)}  ${pct(j.hit, j.n).padStart(7)}`);
// Clean is the positive class: a random clean document should score above a random junk one.
const auc = rocAuc([...cleanScores, ...junkScores], [...cleanScores.map(() => true), ...junkScores.map(() => false)]);
console.log(`\nheuristic ROC AUC, clean vs junk: ${auc?.toFixed(4)}`);

// What a scanner makes of each letter: shapes it is confused with, or a split.
const MISREAD: Record<string, string[]> = {
  m: ['rn', 'in'], h: ['li', 'b'], e: ['c', 'o'], l: ['1', 'I', 'i'], i: ['l', '1', 'í'], o: ['0', 'a', 'c'], n: ['u', 'ii', 'a'],
  u: ['n', 'ii'], c: ['e', '('], t: ['f', 'l'], d: ['cl'], a: ['o', 's'], s: ['8', 'a'], r: ['t'], w: ['vv'], f: ['t'], b: ['h', 'l>'], g: ['q', '9'],
};
function simulateOcr(text: string, rate: number, rng: Prng): string {
  let out = '';
  for (const ch of text) {
    const r = rng.next();
    const alts = MISREAD[ch];
    if (alts && r < rate) out += rng.pick(alts);
    else if (ch === ' ' && r < rate / 3) out += ''; // words run together
    else if (/[a-z]/.test(ch) && r < rate * 1.2) out += ch + ' '; // a word split
    else if (r < rate * 1.3) out += ch + rng.pick(['.', ',', "'", '^', '~', '■']); // a stray mark
    else out += ch;
  }
  // Lines of 60 characters, some words hyphenated across them.
  const lines: string[] = [];
  let line = '';
  for (const w of out.split(/\s+/)) {
    if (line.length + w.length <= 60) line = line ? `${line} ${w}` : w;
    else if (w.length > 6 && rng.chance(0.3)) {
      lines.push(`${line} ${w.slice(0, 3)}-`);
      line = w.slice(3);
    } else {
      lines.push(line);
      line = w;
    }
  }
  lines.push(line);
  return lines.join('\n');
}
const ocrRng = new Prng(5);
const brown = brownDocs(new Prng(8)).docs.filter((_, i) => i % 10 === 0).map((d) => d.text).slice(0, 300);
console.log(`\nocr_noise on simulated OCR of ${brown.length} Brown documents (character error rate: share tagged)`);
for (const rate of [0.005, 0.01, 0.02, 0.03, 0.05]) {
  const hit = brown.filter((d) => scoreText(simulateOcr(d, rate, ocrRng)).tags.includes('ocr_noise')).length;
  console.log(`  ${(100 * rate).toFixed(1)} %: ${pct(hit, brown.length)}`);
}
