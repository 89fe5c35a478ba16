import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonl, tempDir, writeFile } from '../../data/test/helpers';
import { Prng } from '../../util/prng';
import { main } from '../main';
import { capture } from './capture';

/** A corpus without scores, its scores in a sidecar (some ids missing there, some unknown), and the same corpus with the scores inline. */
function fixtures(dir: string) {
  const rng = new Prng(5);
  const docs = Array.from({ length: 200 }, (_, i) => ({ id: `doc-${String((i * 53) % 200).padStart(3, '0')}`, text: `text ${i}`, source: ['web', 'books'][i % 2] }));
  const scores = new Map<string, number | null>();
  for (const d of docs) if (!rng.chance(0.1)) scores.set(d.id, rng.chance(0.05) ? null : rng.int(0, 40) / 8);
  const sidecarRows = [...scores].map(([id, q]) => `${id},${q === null ? 'NaN' : q}`);
  // Rows for documents the corpus does not have: counted, ignored.
  sidecarRows.splice(7, 0, 'ghost-1,0.5', 'ghost-2,2');
  return {
    corpus: writeFile(dir, 'corpus.jsonl', jsonl(docs)),
    sidecar: writeFile(dir, 'quality.csv', ['id,quality', ...sidecarRows].join('\n') + '\n'),
    inline: writeFile(dir, 'inline.jsonl', jsonl(docs.map((d) => ({ ...d, quality: scores.get(d.id) ?? null })))),
    matched: scores.size,
  };
}

describe('score files joined by id (--scores)', () => {
  it('reports ids missing on either side, and exports exactly what the same scores inline export', async () => {
    const dir = tempDir();
    const f = fixtures(dir);
    const io = capture();
    expect(await main(['info', f.corpus, '--scores', f.sidecar, '--json'], io)).toBe(0);
    const info = JSON.parse(io.stdout.join('\n'));
    expect(info.score_files).toEqual([{ file: 'quality.csv', idColumn: 'id', columns: ['quality'], rows: f.matched + 2, matched: f.matched, missingInSidecar: 200 - f.matched, unknownIds: 2 }]);

    for (const args of [['--drop', '0.3'], ['--drop', '0.25', '--per-source', 'web=0.5', '--missing', 'drop'], ['--drop', '0.2', '--mode', 'softmax', '--temperature', '0.5']]) {
      const a = `${dir}/with-sidecar.jsonl`;
      const b = `${dir}/inline.out.jsonl`;
      expect(await main(['export', f.corpus, '--scores', f.sidecar, '--selector', 'quality', ...args, '--out', a], capture())).toBe(0);
      expect(await main(['export', f.inline, '--selector', 'quality', ...args, '--out', b], capture())).toBe(0);
      expect(readFileSync(a, 'utf8'), args.join(' ')).toBe(readFileSync(b, 'utf8'));
      expect(readFileSync(a, 'utf8').length).toBeGreaterThan(100);
    }

    // The provenance records the score file; verify reproduces the export, and notices a changed score file.
    const prov = JSON.parse(readFileSync(`${dir}/with-sidecar.provenance.json`, 'utf8'));
    expect(prov.dataset.score_files[0]).toMatchObject({ name: 'quality.csv', bytes: readFileSync(f.sidecar).length });
    expect(prov.command).toContain(`--scores ${f.sidecar}`);
    const ok = capture();
    expect(await main(['verify', `${dir}/with-sidecar.provenance.json`], ok)).toBe(0);
    writeFileSync(f.sidecar, readFileSync(f.sidecar, 'utf8').replace('ghost-1,0.5', 'ghost-1,0.25'));
    const bad = capture();
    expect(await main(['verify', `${dir}/with-sidecar.provenance.json`], bad)).toBe(1);
    expect(bad.stderr.join('\n')).toContain('score file quality.csv changed');
  }, 60_000);

  it('names the repeated ids, a missing id column and a column the corpus already has', async () => {
    const dir = tempDir();
    const f = fixtures(dir);
    const cases: Array<[string, string]> = [
      ['id,quality\ndoc-001,1\ndoc-002,2\ndoc-001,3\n', 'dup.csv: ids must be unique in a score file; repeated: "doc-001" (2 rows)'],
      ['key,quality\ndoc-001,1\n', 'noid.csv: no id column (expected one named doc_id, id'],
      ['id,text_len\ndoc-001,1\n', ''],
      ['id,source_score,text\ndoc-001,1,x\n', ''],
    ];
    const names = ['dup.csv', 'noid.csv', 'fine.csv', 'fine2.csv'];
    for (const [k, [body, message]] of cases.entries()) {
      const side = writeFile(dir, names[k], body);
      const io = capture();
      const code = await main(['info', f.corpus, '--scores', side], io);
      if (message) {
        expect(code, names[k]).toBe(1);
        expect(io.stderr.join('\n')).toContain(message);
      } else expect(code, `${names[k]}: ${io.stderr.join('\n')}`).toBe(0);
    }
    const clash = writeFile(dir, 'clash.csv', 'id,quality\ndoc-001,1\n');
    const io = capture();
    expect(await main(['info', f.inline, '--scores', clash], io)).toBe(1);
    expect(io.stderr.join('\n')).toContain('clash.csv: the corpus already has a column "quality"; rename it in the score file');
  }, 60_000);
});
