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
    expect(await run(8, 'seed8')).not.toBe(a);
    expect(a.trim().split('\n')).toHaveLength(50);
    expect(JSON.parse(a.split('\n')[0])).toMatchObject({ draw_order: 1 });
  });

  it('rejects unsupported or malformed options with exit 2', async () => {
    const file = writeFile(tempDir(), 'c.jsonl', jsonl(corpus()));
    for (const args of [
      ['--selector', 'score', '--drop', '0.2'],
      ['--selector', 'score', '--drop', '0.2', '--out', 'x.parquet', '--format', 'xml'],
      ['--selector', 'score', '--drop', '0.2', '--out', 'x.jsonl', '--mode', 'magic'],
      ['--selector', 'score', '--drop', '0.2', '--out', 'x.jsonl', '--override', 'drop'],
      ['--selector', 'score', '--drop', '0.2', '--out', 'x.jsonl', '--annotations', 'a.jsonl', '--override', 'all'],
      ['--selector', 'score', '--drop', '0.2', '--out', 'x.csv', '--corpus'],
      ['--selector', 'score', '--drop', '0.2', '--out', 'x.jsonl', '--dedup-penalty', '1'],
    ]) {
      const io = capture();
      expect(await main(['export', file, ...args], io)).toBe(2);
      expect(io.stderr[0]).toMatch(/^sift: /);
    }
  });

  it('with --skip-bad-lines exports the well-formed records, lists the skipped lines in the provenance, and verify loads the same way', async () => {
    const dir = tempDir();
    const docs = corpus();
    const good = jsonl(docs).trimEnd().split('\n');
    // Lines 11 and 201 are malformed; the rest are the corpus's records in order.
    const lines = [...good.slice(0, 10), '{"id": "cut', ...good.slice(10, 199), 'not json', ...good.slice(199)];
    const file = writeFile(dir, 'c.jsonl', lines.join('\n') + '\n');
    const out = `${dir}/keep.jsonl`;
    const stopped = capture();
    expect(await main(['export', file, '--selector', 'score', '--drop', '0.3', '--out', out], stopped)).toBe(1);
    expect(stopped.stderr[0]).toMatch(/c\.jsonl, line 11: malformed JSON/);

    expect(await main(['export', file, '--selector', 'score', '--drop', '0.3', '--out', out, '--skip-bad-lines'], capture())).toBe(0);
    // The same manifest as from a file without the two lines.
    const clean = writeFile(dir, 'clean.jsonl', good.join('\n') + '\n');
    expect(await main(['export', clean, '--selector', 'score', '--drop', '0.3', '--out', `${dir}/clean-keep.jsonl`], capture())).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(`${dir}/clean-keep.jsonl`, 'utf8'));
    const prov = JSON.parse(readFileSync(`${dir}/keep.provenance.json`, 'utf8'));
    expect(prov.dataset.skipped_malformed_lines).toEqual([{ file: 'c.jsonl', count: 2, first_lines: [11, 201] }]);
    expect(prov.command).toContain('--skip-bad-lines');
    expect(JSON.parse(readFileSync(`${dir}/clean-keep.provenance.json`, 'utf8')).dataset.skipped_malformed_lines).toBeNull();
    expect(await main(['verify', `${dir}/keep.provenance.json`], capture())).toBe(0);

    // The corpus itself: the kept records' lines, byte for byte, around the skipped ones.
    expect(await main(['export', file, '--selector', 'score', '--drop', '0.3', '--corpus', '--out', `${dir}/corpus.jsonl`, '--skip-bad-lines'], capture())).toBe(0);
    const keep = new Set(ids(out));
    expect(readFileSync(`${dir}/corpus.jsonl`, 'utf8')).toBe(good.filter((l) => keep.has(JSON.parse(l).id)).join('\n') + '\n');
    expect(await main(['verify', `${dir}/corpus.provenance.json`], capture())).toBe(0);
  });
});

async function duck<T = Record<string, unknown>>(sql: string): Promise<T[]> {
  const conn = await NodeConnector.open();
  try {
    return (await conn.query(sql)) as T[];
  } finally {
    conn.close();
  }
}

const ids = (path: string) => readFileSync(path, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l).doc_id as string);

describe('sift export: Parquet, corpus, overrides, filters, near-duplicates', () => {
  it('writes Parquet manifests that DuckDB reads back, and verify compares their bytes', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'c.jsonl', jsonl(corpus()));
    expect(await main(['export', file, '--selector', 'score', '--drop', '0.3', '--out', `${dir}/k.jsonl`], capture())).toBe(0);
    expect(await main(['export', file, '--selector', 'score', '--drop', '0.3', '--out', `${dir}/k.parquet`], capture())).toBe(0);
    const back = await duck<{ doc_id: string }>(`SELECT doc_id FROM read_parquet('${dir}/k.parquet')`);
    expect(back.map((r) => r.doc_id)).toEqual(ids(`${dir}/k.jsonl`));
    expect(await main(['export', file, '--selector', 'score', '--drop', '0', '--mode', 'boltzmann', '--sample', '20', '--seed', '4', '--out', `${dir}/b.parquet`], capture())).toBe(0);
    const drawn = await duck<{ doc_id: string; draw_order: number }>(`SELECT doc_id, draw_order FROM read_parquet('${dir}/b.parquet')`);
    expect(drawn.map((r) => r.draw_order)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await main(['verify', `${dir}/k.provenance.json`], capture())).toBe(0);
    const bytes = readFileSync(`${dir}/k.parquet`);
    bytes[100] ^= 0xff;
    writeFileSync(`${dir}/k.parquet`, bytes);
    const bad = capture();
    expect(await main(['verify', `${dir}/k.provenance.json`], bad)).toBe(1);
    expect(bad.stderr[0]).toMatch(/differs from a recomputation at byte 100 /);
  });

  it('writes the filtered corpus: JSONL records verbatim, Parquet with every column, from JSONL and Parquet inputs', async () => {
    const dir = tempDir();
    const docs = corpus().map((d, i) => ({ ...d, extra: { n: i, list: [i, 'x'] } }));
    // A record with odd spacing and a CRLF line ending is copied as it was (without the CR).
    const text = jsonl(docs).replace('{"id":"doc-000"', '{ "id" : "doc-000"').replace(/\n/, '\r\n');
    const file = writeFile(dir, 'c.jsonl', text);
    expect(await main(['export', file, '--selector', 'score', '--drop', '0.3', '--out', `${dir}/k.jsonl`], capture())).toBe(0);
    expect(await main(['export', file, '--selector', 'score', '--drop', '0.3', '--corpus', '--out', `${dir}/corpus.jsonl`], capture())).toBe(0);
    const keep = new Set(ids(`${dir}/k.jsonl`));
    const original = text.split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l && keep.has(JSON.parse(l).id));
    expect(readFileSync(`${dir}/corpus.jsonl`, 'utf8')).toBe(original.join('\n') + '\n');
    expect(await main(['verify', `${dir}/corpus.provenance.json`], capture())).toBe(0);

    expect(await main(['export', file, '--selector', 'score', '--drop', '0.3', '--corpus', '--out', `${dir}/corpus.parquet`], capture())).toBe(0);
    const rows = await duck<{ id: string; text: string; extra: string; score: number | null }>(`SELECT id, text, extra, score FROM read_parquet('${dir}/corpus.parquet')`);
    expect(rows.map((r) => r.id)).toEqual([...keep]);
    const doc0 = docs.find((d) => d.id === rows[0].id)!;
    expect(rows[0]).toEqual({ id: doc0.id, text: doc0.text, extra: JSON.stringify(doc0.extra), score: doc0.score }); // nested values as JSON text

    // Parquet input: the corpus keeps its columns and types.
    const pq = `${dir}/c.parquet`;
    await duck(`COPY (SELECT * FROM read_json_auto('${file}')) TO '${pq}' (FORMAT parquet)`);
    expect(await main(['export', pq, '--selector', 'score', '--drop', '0.3', '--corpus', '--out', `${dir}/pq-corpus.parquet`], capture())).toBe(0);
    const fromPq = await duck<{ id: string }>(`SELECT id FROM read_parquet('${dir}/pq-corpus.parquet')`);
    expect(fromPq.map((r) => r.id)).toEqual([...keep]);
    expect(await main(['export', pq, '--selector', 'score', '--drop', '0.3', '--corpus', '--out', `${dir}/pq-corpus.jsonl`], capture())).toBe(0);
    const first = JSON.parse(readFileSync(`${dir}/pq-corpus.jsonl`, 'utf8').split('\n')[0]);
    const src = docs.find((d) => d.id === first.id)!;
    expect(first).toMatchObject({ id: src.id, text: src.text, source: src.source, score: src.score, extra: { n: src.extra.n } });
    expect(Object.keys(first)).toEqual(['id', 'text', 'source', 'score', 'extra']);

    // CSV input: a clear error, nothing written.
    const csv = writeFile(dir, 'c.csv', 'id,text,score\na,x,1\nb,y,2\n');
    const io = capture();
    expect(await main(['export', csv, '--selector', 'score', '--drop', '0.5', '--corpus', '--out', `${dir}/csv-corpus.jsonl`], io)).toBe(1);
    expect(io.stderr[0]).toMatch(/c\.csv: the filtered corpus is copied from JSONL or Parquet inputs/);
  });

  it('annotation overrides force labelled documents out and in; verify notices a changed annotations file', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'c.jsonl', jsonl(corpus()));
    expect(await main(['export', file, '--selector', 'score', '--drop', '0.3', '--out', `${dir}/k.jsonl`], capture())).toBe(0);
    expect(await main(['export', file, '--selector', 'score', '--drop', '0.3', '--list', 'drop', '--out', `${dir}/d.jsonl`], capture())).toBe(0);
    const kept = ids(`${dir}/k.jsonl`);
    const dropped = ids(`${dir}/d.jsonl`);
    const labels = [
      { doc_id: kept[0], annotator: 'ann', label: 'drop' },
      { doc_id: kept[0], annotator: 'bo', label: 'drop' },
      { doc_id: dropped[0], annotator: 'ann', label: 'keep' },
      { doc_id: dropped[1], annotator: 'ann', label: 'keep' },
      { doc_id: dropped[1], annotator: 'bo', label: 'drop' },
    ];
    const ann = writeFile(dir, 'labels.jsonl', jsonl(labels));
    const out = `${dir}/o.jsonl`; // majority of annotators
    expect(await main(['export', file, '--selector', 'score', '--drop', '0.3', '--annotations', ann, '--out', out], capture())).toBe(0);
    const forced = new Set(ids(out));
    expect(forced.has(kept[0])).toBe(false);
    expect(forced.has(dropped[0])).toBe(true);
    expect(forced.has(dropped[1])).toBe(false); // a tie decides nothing
    expect(forced.size).toBe(kept.length);
    const prov = JSON.parse(readFileSync(`${dir}/o.provenance.json`, 'utf8'));
    expect(prov.overrides).toMatchObject({ apply: 'both', annotator: null, forced_keep: 1, forced_drop: 1, counts: { ties: 1 } });
    expect(prov.command).toContain('--annotations');
    // One annotator's labels.
    expect(await main(['export', file, '--selector', 'score', '--drop', '0.3', '--annotations', ann, '--annotator', 'ann', '--override', 'keep', '--out', `${dir}/a.jsonl`], capture())).toBe(0);
    const annOnly = new Set(ids(`${dir}/a.jsonl`));
    expect(annOnly.has(kept[0]) && annOnly.has(dropped[0]) && annOnly.has(dropped[1])).toBe(true);
    expect(await main(['verify', `${dir}/o.provenance.json`], capture())).toBe(0);
    writeFileSync(ann, jsonl(labels.slice(1)));
    const v = capture();
    expect(await main(['verify', `${dir}/o.provenance.json`], v)).toBe(1);
    expect(v.stderr[0]).toMatch(/annotations file labels\.jsonl changed/);
    // A bad annotations line is named.
    writeFileSync(ann, '{"doc_id":"x","annotator":"a","label":"good"}\n');
    const e = capture();
    expect(await main(['export', file, '--selector', 'score', '--drop', '0.3', '--annotations', ann, '--out', out], e)).toBe(1);
    expect(e.stderr[0]).toMatch(/labels\.jsonl, line 1: "label" must be/);
  });

  it('filters narrow the export as Browse does (sources, tag, score range)', async () => {
    const dir = tempDir();
    const docs = corpus().map((d, i) => ({ ...d, tags: i % 3 === 0 ? ['junk'] : [] }));
    const file = writeFile(dir, 'c.jsonl', jsonl(docs));
    expect(await main(['export', file, '--selector', 'score', '--drop', '0.3', '--out', `${dir}/k.jsonl`], capture())).toBe(0);
    expect(await main(['export', file, '--selector', 'score', '--drop', '0.3', '--source', 'a', '--tag', 'junk', '--score-min', '1', '--score-max', '4', '--out', `${dir}/f.jsonl`], capture())).toBe(0);
    const keep = new Set(ids(`${dir}/k.jsonl`));
    const expected = docs.filter((d) => keep.has(d.id) && d.source === 'a' && d.tags.includes('junk') && d.score !== null && d.score >= 1 && d.score <= 4).map((d) => d.id);
    expect(expected.length).toBeGreaterThan(5);
    expect(ids(`${dir}/f.jsonl`)).toEqual(expected);
    const prov = JSON.parse(readFileSync(`${dir}/f.provenance.json`, 'utf8'));
    expect(prov.filter).toEqual({ sources: ['a'], tag: 'junk', score_min: 1, score_max: 4 });
    expect(prov.counts.in_filter).toBe(docs.filter((d) => d.source === 'a' && d.tags.includes('junk') && d.score !== null && d.score >= 1 && d.score <= 4).length);
    expect(await main(['verify', `${dir}/f.provenance.json`], capture())).toBe(0);
  });

  it('the redundancy penalty keeps near-duplicate copies apart in Boltzmann samples', async () => {
    const dir = tempDir();
    const rng = new Prng(3);
    const vocab = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet'];
    const para = () => Array.from({ length: 120 }, () => rng.pick(vocab) + rng.int(0, 999)).join(' ');
    // 10 originals, each with 9 near copies (one word changed), all with the same high score.
    const docs: Array<{ id: string; text: string; score: number }> = [];
    for (let g = 0; g < 10; g++) {
      const base = para();
      for (let c = 0; c < 10; c++) docs.push({ id: `g${g}-c${c}`, text: c === 0 ? base : base.replace(/\S+$/, `tail${c}`), score: 1 });
    }
    const file = writeFile(dir, 'dups.jsonl', jsonl(docs));
    const groups = async (penalty: string | null) => {
      const out = `${dir}/s${penalty ?? 'none'}.jsonl`;
      const args = ['export', file, '--selector', 'score', '--drop', '0', '--mode', 'boltzmann', '--sample', '10', '--seed', '1', '--out', out];
      expect(await main(penalty ? [...args, '--dedup-penalty', penalty] : args, capture())).toBe(0);
      return new Set(ids(out).map((id) => id.split('-')[0])).size;
    };
    expect(await groups(null)).toBeLessThan(10);
    expect(await groups('50')).toBe(10);
    const prov = JSON.parse(readFileSync(`${dir}/s50.provenance.json`, 'utf8'));
    expect(prov.counts.near_duplicates).toEqual({ clusters: 10, documents: 100 });
    expect(prov.mode).toMatchObject({ dedup_penalty: 50, minhash: { shingle: 5, hashes: 128 } });
    expect(await main(['verify', `${dir}/s50.provenance.json`], capture())).toBe(0);
  });
});
