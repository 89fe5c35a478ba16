/**
 * How well the taggers and the `heuristic` selector separate the demo corpus
 * (issue 3's acceptance measures, on data whose labels we know): per clean
 * source, the share of documents with any tag and per tag; per injected defect
 * (spam counts as `boilerplate`), the share carrying that tag; ROC AUC of
 * `heuristic`, clean vs junk. The demo's junk is made by scripts/demo/junk.ts,
 * and its Brown and SpamAssassin text is also the spam model's training text,
 * so these are in-sample figures; scripts/build-models.ts prints held-out ones.
 *   npx tsx bench/tagger-quality.ts [path.parquet]
 */
import { rocAuc } from '../lib/annotations/agreement';
import { NodeConnector } from '../lib/data/connectors/node';
import { scoreText } from '../lib/scoring/score';

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
