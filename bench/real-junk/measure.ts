/**
 * The taggers on the real-junk set (bench/real-junk/build.ts): per junk kind,
 * the share of documents carrying that kind's tag (recall); per clean kind,
 * the share with any tag; ROC AUC of `heuristic`, clean vs junk; for each part
 * (tuning, held-out) — the held-out part is the figure to report. Scored with
 * the same scoreText the browser workers and `sift score` run.
 *   npx tsx bench/real-junk/measure.ts [bench/out/real-junk.jsonl]
 */
import { readFileSync } from 'node:fs';
import { rocAuc } from '../../lib/annotations/agreement';
import { scoreText, SCORER_VERSION } from '../../lib/scoring/score';

interface Doc {
  id: string;
  kind: string;
  tool: string;
  group: string;
  split: 'tune' | 'heldout';
  text: string;
}
const path = process.argv[2] ?? 'bench/out/real-junk.jsonl';
const docs = readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Doc);
const pct = (k: number, n: number) => (n === 0 ? '—' : `${((100 * k) / n).toFixed(1)} %`);

const started = performance.now();
const scored = docs.map((d) => ({ d, s: scoreText(d.text) }));
const seconds = (performance.now() - started) / 1000;
const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d.text), 0);

console.log(`${docs.length} documents from ${path}; scorer ${SCORER_VERSION}; ${(bytes / 1e6 / seconds).toFixed(2)} MB/s on one core\n`);
for (const part of ['heldout', 'tune'] as const) {
  const rows = scored.filter((x) => x.d.split === part);
  console.log(`${part === 'heldout' ? 'HELD-OUT' : 'tuning'} part (${rows.length} documents)`);
  const kinds = [...new Set(rows.map((x) => x.d.kind))].sort();
  for (const kind of kinds) {
    const of = rows.filter((x) => x.d.kind === kind);
    if (kind.startsWith('clean_')) {
      const tagged = of.filter((x) => x.s.tags.length > 0);
      const byTag = new Map<string, number>();
      for (const x of tagged) for (const t of x.s.tags) byTag.set(t, (byTag.get(t) ?? 0) + 1);
      console.log(`  ${kind.padEnd(15)} ${String(of.length).padStart(4)}  any tag ${pct(tagged.length, of.length).padStart(7)}   ${[...byTag].sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t} ${n}`).join(', ')}`);
    } else {
      const hit = of.filter((x) => (x.s.tags as string[]).includes(kind));
      const missedBy = new Map<string, number>();
      for (const x of of) if (!(x.s.tags as string[]).includes(kind)) missedBy.set(x.d.tool, (missedBy.get(x.d.tool) ?? 0) + 1);
      const misses = [...missedBy].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([t, n]) => `${t} ${n}`).join(', ');
      console.log(`  ${kind.padEnd(15)} ${String(of.length).padStart(4)}  recall  ${pct(hit.length, of.length).padStart(7)}   ${misses ? `missed: ${misses}` : ''}`);
    }
  }
  const clean = rows.filter((x) => x.d.kind.startsWith('clean_'));
  const junk = rows.filter((x) => !x.d.kind.startsWith('clean_'));
  const auc = rocAuc([...clean, ...junk].map((x) => x.s.heuristic), [...clean.map(() => true), ...junk.map(() => false)]);
  console.log(`  heuristic ROC AUC, clean vs junk: ${auc?.toFixed(4)}\n`);
}
