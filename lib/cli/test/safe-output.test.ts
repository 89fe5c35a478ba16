import { existsSync, linkSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonl, tempDir, writeFile } from '../../data/test/helpers';
import { softmaxWeights } from '../../export/modes';
import { main } from '../main';
import { writeAtomically } from '../safe-output';
import { capture } from './capture';

const rows = Array.from({ length: 40 }, (_, i) => ({ id: `d${i}`, text: `document ${i} with some words`, source: i % 2 ? 'a' : 'b', score: i / 4 }));

describe('the CLI never destroys its input, never leaves half a file', () => {
  it('refuses an --out that is an input: the same path, a symlink or a hard link to it; the input is untouched', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'in.jsonl', jsonl(rows));
    const before = readFileSync(file);
    symlinkSync(file, join(dir, 'link.jsonl'));
    linkSync(file, join(dir, 'hard.jsonl'));
    for (const out of [file, join(dir, 'link.jsonl'), join(dir, 'hard.jsonl'), `${dir}/./in.jsonl`]) {
      const score = capture();
      expect(await main(['score', file, '--out', out, '--rules', 'none', '--workers', '1'], score), out).toBe(1);
      expect(score.stderr[0]).toMatch(/--out .* is an input file; refusing to overwrite it/);
      const exp = capture();
      expect(await main(['export', file, '--selector', 'score', '--drop', '0.2', '--out', out], exp), out).toBe(1);
      expect(exp.stderr[0]).toMatch(/is an input file; refusing/);
    }
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a parquet --corpus export over its parquet input, and an --out over the annotations file or whose provenance is an input', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'in.jsonl', jsonl(rows));
    const parquet = join(dir, 'in.parquet');
    expect(await main(['export', file, '--selector', 'score', '--drop', '0', '--corpus', '--out', parquet], capture())).toBe(0);
    const before = readFileSync(parquet);
    const io = capture();
    expect(await main(['export', parquet, '--selector', 'score', '--drop', '0.5', '--corpus', '--out', parquet], io)).toBe(1);
    expect(readFileSync(parquet).equals(before)).toBe(true);
    const labels = writeFile(dir, 'labels.jsonl', JSON.stringify({ doc_id: 'd1', label: 'drop', annotator: 'a' }) + '\n');
    const ann = capture();
    expect(await main(['export', file, '--selector', 'score', '--drop', '0.2', '--annotations', labels, '--out', labels], ann)).toBe(1);
    expect(ann.stderr[0]).toMatch(/is the annotations file/);
    // keep.jsonl's provenance is keep.provenance.json: an input of that name is refused too.
    const provInput = writeFile(dir, 'keep.provenance.json', jsonl(rows));
    const prov = capture();
    expect(await main(['export', provInput, '--selector', 'score', '--drop', '0.2', '--out', join(dir, 'keep.jsonl')], prov)).toBe(1);
    expect(prov.stderr[0]).toMatch(/the provenance file .* is an input file/);
  });

  it('a failed run leaves the previous output as it was and no temporary file behind', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'in.jsonl', jsonl(rows));
    const out = writeFile(dir, 'keep.jsonl', 'previous manifest\n');
    expect(await main(['export', file, '--selector', 'nope', '--drop', '0.2', '--out', out], capture())).toBe(1);
    expect(readFileSync(out, 'utf8')).toBe('previous manifest\n');
    await expect(
      writeAtomically([out, join(dir, 'second.json')], async ([a]) => {
        writeFileSync(a, 'half');
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(readFileSync(out, 'utf8')).toBe('previous manifest\n');
    expect(existsSync(join(dir, 'second.json'))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['in.jsonl', 'keep.jsonl']);
    // A successful run leaves exactly its outputs.
    expect(await main(['score', file, '--out', join(dir, 's.parquet'), '--rules', 'none', '--workers', '1'], capture())).toBe(0);
    expect(await main(['export', file, '--selector', 'score', '--drop', '0.2', '--out', out], capture())).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['in.jsonl', 'keep.jsonl', 'keep.provenance.json', 's.parquet']);
  });

  it('refuses a temperature whose reciprocal overflows (exit 2), and scores that overflow a small one', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'in.jsonl', jsonl(rows));
    for (const t of ['1e-320', '0', '-1', 'inf', 'NaN']) {
      const io = capture();
      expect(await main(['export', file, '--selector', 'score', '--drop', '0', '--mode', 'softmax', '--temperature', t, '--out', join(dir, 'w.jsonl')], io), t).toBe(2);
      expect(io.stderr[0]).toMatch(/--temperature/);
    }
    expect(existsSync(join(dir, 'w.jsonl'))).toBe(false);
    expect(() => softmaxWeights(Float64Array.from([1e300, 1]), Uint32Array.from([0, 1]), 1e-10, 'higher')).toThrow(/too small/);
    const w = softmaxWeights(Float64Array.from([2, 1, NaN]), Uint32Array.from([0, 1, 2]), 0.5, 'higher');
    expect(w[0] / w[1]).toBeCloseTo(Math.exp(2), 10);
    expect(Number.isNaN(w[2])).toBe(true);
  });
});
