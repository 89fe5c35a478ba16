import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NodeConnector } from '../../data/connectors/node';
import { jsonl, tempDir, writeFile } from '../../data/test/helpers';
import { scoreWithOnnx } from '../../models/node';
import { main } from '../main';
import { capture } from './capture';

const docs = [
  { id: 'a', text: 'The committee met on a cold morning in March and agreed that the river needed a new levee.' },
  { id: 'b', text: 'BUY NOW!!! CHEAP PILLS $$$ CLICK HERE http://spam.example' },
  { id: 'c', text: null },
  { id: 'd', text: 'Ã©tÃ© â€œquotedâ€ text from the wrong codec' },
  { id: 'e', text: '1 2 3 4 5\n6 7 8 9 10\n'.repeat(30) },
];

describe('sift score --model', () => {
  it('runs the shipped models by name: doc_id and one column per score, in input order, equal to the library', async () => {
    const dir = tempDir();
    const input = writeFile(dir, 'in.jsonl', jsonl(docs));
    const out = join(dir, 'scores.jsonl');
    const io = capture();
    expect(await main(['score', input, '--model', 'quality', '--model', 'byte-lm', '--out', out], io)).toBe(0);
    expect(io.stdout[0]).toMatch(/wrote .*scores\.jsonl: 5 documents \(model_quality, model_bpb, model_bpb_weak\)/);
    const rows = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((r) => r.doc_id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(Object.keys(rows[0])).toEqual(['doc_id', 'model_quality', 'model_bpb', 'model_bpb_weak']);
    expect(rows[2].model_quality).toBeNull();
    const texts = docs.map((d) => d.text);
    const [quality] = await scoreWithOnnx('lib/models/generated/quality.onnx', JSON.parse(readFileSync('lib/models/generated/quality.json', 'utf8')), texts);
    rows.forEach((r, i) => i !== 2 && expect(r.model_quality).toBeCloseTo(quality[i], 12));
    // The shipped models rank clean prose above the junk here.
    expect(rows[0].model_quality).toBeGreaterThan(Math.max(rows[1].model_quality, rows[3].model_quality, rows[4].model_quality));
    expect(rows[0].model_bpb).toBeLessThan(Math.min(rows[1].model_bpb, rows[3].model_bpb, rows[4].model_bpb));
  });

  it('writes Parquet with DOUBLE score columns', async () => {
    const dir = tempDir();
    const input = writeFile(dir, 'in.jsonl', jsonl(docs));
    const out = join(dir, 'scores.parquet');
    expect(await main(['score', input, '--model', 'quality', '--out', out], capture())).toBe(0);
    const conn = await NodeConnector.open();
    const types = await conn.query(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM '${out}')`);
    expect(types.map((t) => `${t.column_name}:${t.column_type}`)).toEqual(['doc_id:VARCHAR', 'model_quality:DOUBLE']);
    expect((await conn.query(`SELECT count(*) AS n FROM '${out}'`))[0].n).toBe(5);
    conn.close();
  });

  it('skips malformed lines with --skip-bad-lines and says which', async () => {
    const dir = tempDir();
    const input = writeFile(dir, 'in.jsonl', `${jsonl(docs.slice(0, 2))}{"id": "x", "text": "cut off\n${jsonl(docs.slice(3))}`);
    const out = join(dir, 'scores.jsonl');
    const io = capture();
    expect(await main(['score', input, '--model', 'quality', '--out', out], io)).toBe(1);
    expect(io.stderr[0]).toMatch(/in\.jsonl, line 3: malformed JSON/);
    const skipped = capture();
    expect(await main(['score', input, '--model', 'quality', '--out', out, '--skip-bad-lines'], skipped)).toBe(0);
    expect(skipped.stdout[0]).toMatch(/: 4 documents[\s\S]*\nwarning: in\.jsonl: skipped 1 malformed line \(line 3\)$/);
    expect(readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l).doc_id)).toEqual(['a', 'b', 'd', 'e']);
  });

  it('names what is wrong: a missing model, a missing config, a config that does not fit the model', async () => {
    const dir = tempDir();
    const input = writeFile(dir, 'in.jsonl', jsonl(docs));
    const out = join(dir, 'o.jsonl');
    let io = capture();
    expect(await main(['score', input, '--model', 'nonesuch', '--out', out], io)).toBe(1);
    expect(io.stderr[0]).toMatch(/no such file .*nonesuch\.onnx \(shipped models are quality and byte-lm/);
    io = capture();
    writeFileSync(join(dir, 'm.onnx'), readFileSync('lib/models/generated/quality.onnx'));
    expect(await main(['score', input, '--model', join(dir, 'm.onnx'), '--out', out], io)).toBe(1);
    expect(io.stderr[0]).toMatch(/no model config: .*m\.json does not exist \(pass --model-config FILE\)/);
    const cfg = JSON.parse(readFileSync('lib/models/generated/quality.json', 'utf8'));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...cfg, inputs: { ...cfg.inputs, dtype: 'int64' } }));
    io = capture();
    expect(await main(['score', input, '--model', join(dir, 'm.onnx'), '--model-config', join(dir, 'bad.json'), '--out', out], io)).toBe(1);
    expect(io.stderr[0]).toMatch(/m\.onnx does not fit its config: input "ids": dtype mismatch — the config feeds int64 \(inputs\.dtype\), the model expects int32/);
    io = capture();
    expect(await main(['score', input, '--model', 'quality', '--model', 'byte-lm', '--model-config', join(dir, 'bad.json'), '--out', out], io)).toBe(2);
    expect(io.stderr[0]).toMatch(/--model-config goes with a single --model/);
  });
});
