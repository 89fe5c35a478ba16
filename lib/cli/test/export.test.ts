import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NodeConnector } from '../../data/connectors/node';
import { jsonl, tempDir, writeFile } from '../../data/test/helpers';
import { Prng } from '../../util/prng';
import { main } from '../main';
import { capture } from './capture';

function corpus() {
  const rng = new Prng(21);
  return Array.from({ length: 300 }, (_, i) => ({
    id: `doc-${String((i * 37) % 300).padStart(3, '0')}`,
    text: `t${i}`,
    source: ['a', 'b'][i % 2],
    score: rng.chance(0.05) ? null : rng.int(0, 20) / 4,
  }));
}

describe('sift export and verify', () => {
  it('writes the keep list of the selection rule (ties by doc_id, missing kept) and verifies it', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'c.jsonl', jsonl(corpus()));
    const out = `${dir}/keep.jsonl`;
    const io = capture();
    expect(await main(['export', file, '--selector', 'score', '--drop', '0.3', '--out', out], io)).toBe(0);
    const ids = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l).doc_id);

    const conn = await NodeConnector.open();
    const dropped = new Set(
      (await conn.query(`SELECT id FROM (SELECT id, row_number() OVER (ORDER BY score, id) AS rk, count(*) OVER () AS n FROM read_json_auto('${file}') WHERE score IS NOT NULL) WHERE rk <= floor(0.3 * n)`)).map((r) => String(r.id)),
    );
    const inFileOrder = (await conn.query(`SELECT id FROM read_json_auto('${file}')`)).map((r) => String(r.id));
    conn.close();
    expect(ids).toEqual(inFileOrder.filter((x) => !dropped.has(x)));

    const prov = JSON.parse(readFileSync(`${dir}/keep.provenance.json`, 'utf8'));
    expect(prov.counts).toMatchObject({ total: 300, dropped: dropped.size, manifest_rows: 300 - dropped.size });
    expect(prov.dataset.inputs[0]).toMatchObject({ name: 'c.jsonl', bytes: readFileSync(file).length });
    expect(prov.command).toContain('npx sift export');

    const ok = capture();
    expect(await main(['verify', `${dir}/keep.provenance.json`], ok)).toBe(0);
    expect(ok.stdout[0]).toMatch(/^ok: /);

    // A changed manifest line is named.
    const lines = readFileSync(out, 'utf8').split('\n');
    lines[4] = '{"doc_id":"tampered"}';
    writeFileSync(out, lines.join('\n'));
    const bad = capture();
    expect(await main(['verify', `${dir}/keep.provenance.json`], bad)).toBe(1);
    expect(bad.stderr[0]).toMatch(/at line 5: expected .* found "\{\\"doc_id\\":\\"tampered\\"\}"/);
  });

  it('verify fails when an input file or a parameter changed', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'c.jsonl', jsonl(corpus()));
    const out = `${dir}/w.csv`;
    expect(await main(['export', file, '--selector', 'score', '--drop', '10%', '--mode', 'softmax', '--temperature', '0.5', '--out', out], capture())).toBe(0);
    expect(readFileSync(out, 'utf8').split('\n')[0]).toBe('doc_id,weight');
    const provPath = `${dir}/w.provenance.json`;
    const prov = JSON.parse(readFileSync(provPath, 'utf8'));
    prov.mode.temperature = 0.6;
    writeFileSync(provPath, JSON.stringify(prov));
    const p = capture();
    expect(await main(['verify', provPath], p)).toBe(1);
    expect(p.stderr[0]).toMatch(/manifest differs from a recomputation at line 2/);
    prov.mode.temperature = 0.5;
    writeFileSync(provPath, JSON.stringify(prov));
    expect(await main(['verify', provPath], capture())).toBe(0);
    writeFileSync(file, readFileSync(file, 'utf8') + '{"id":"new","text":"x","source":"a","score":1}\n');
    const f = capture();
    expect(await main(['verify', provPath], f)).toBe(1);
    expect(f.stderr[0]).toMatch(/input file c\.jsonl changed/);
  });

  it('boltzmann samples are reproducible for a seed and differ for another', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'c.jsonl', jsonl(corpus()));
    const run = async (seed: number, name: string) => {
      expect(await main(['export', file, '--selector', 'score', '--drop', '0', '--mode', 'boltzmann', '--sample', '50', '--seed', String(seed), '--out', `${dir}/${name}.jsonl`], capture())).toBe(0);
      return readFileSync(`${dir}/${name}.jsonl`, 'utf8');
    };
    const a = await run(7, 'a');
    expect(await run(7, 'b')).toBe(a);
    expect(await run(8, 'c')).not.toBe(a);
    expect(a.trim().split('\n')).toHaveLength(50);
    expect(JSON.parse(a.split('\n')[0])).toMatchObject({ draw_order: 1 });
  });

  it('rejects unsupported or malformed options with exit 2', async () => {
    const file = writeFile(tempDir(), 'c.jsonl', jsonl(corpus()));
    for (const args of [
      ['--selector', 'score', '--drop', '0.2'],
      ['--selector', 'score', '--drop', '0.2', '--out', 'x.parquet', '--format', 'parquet'],
      ['--selector', 'score', '--drop', '0.2', '--out', 'x.jsonl', '--mode', 'magic'],
      ['--selector', 'score', '--drop', '0.2', '--out', 'x.jsonl', '--annotations', 'a.jsonl'],
    ]) {
      const io = capture();
      expect(await main(['export', file, ...args], io)).toBe(2);
      expect(io.stderr[0]).toMatch(/^sift: /);
    }
  });
});
