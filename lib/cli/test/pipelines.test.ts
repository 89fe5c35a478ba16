import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { NodeConnector } from '../../data/connectors/node';
import { tempDir } from '../../data/test/helpers';
import { DATA_JUICER_TRACES, DATATROVE_FULL_REASONS, DATATROVE_SCALE, DATATROVE_STEPS, emailSpans, writeDataJuicer, writeDataTroveRun, writeDolmaRoot, writeNemoFile } from '../../data/test/pipeline-fixtures';
import { loadDatasetFromFiles } from '../load';
import { main } from '../main';
import { capture } from './capture';

async function run(args: string[]) {
  const io = capture();
  const code = await main(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}
const infoOf = async (...args: string[]) => {
  const r = await run(['info', ...args, '--json']);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out);
};

describe('pipeline layouts in the CLI', () => {
  it('a Dolma root: document scores and span tags by experiment, spans on the right characters', async () => {
    const dir = tempDir();
    const { docs } = writeDolmaRoot(join(dir, 'dolma'));
    const info = await infoOf(join(dir, 'dolma'));
    expect(info.layout.kind).toBe('dolma');
    expect(info.rows).toBe(docs.length);
    expect(info.selectors).toEqual([
      { name: 'pii__regex__email__spans', origin: 'dolma:pii' },
      { name: 'pii__regex__email__max', origin: 'dolma:pii' },
      { name: 'quality__fasttext__hq', origin: 'dolma:quality' },
    ]);
    // Every span, read back from what the loader stored, covers exactly an e-mail address of its document.
    const { conn } = await loadDatasetFromFiles([join(dir, 'dolma')]);
    try {
      const rows = await conn.query('SELECT id, text, dolma_spans, tags FROM raw ORDER BY _shard, _row');
      let spans = 0;
      for (const r of rows) {
        const text = String(r.text);
        const expected = emailSpans(text).map(([s, e]) => Array.from(text).slice(s, e).join(''));
        const got = r.dolma_spans === null ? [] : (JSON.parse(String(r.dolma_spans)) as Array<[string, number, number, number]>).map(([, s, e]) => text.slice(s, e));
        expect(got, text).toEqual(expected);
        spans += got.length;
      }
      expect(spans).toBe(4);
    } finally {
      conn.close();
    }
  });

  it('a Dolma attribute exports like a column: the same manifest as the same scores inline', async () => {
    const dir = tempDir();
    writeDolmaRoot(join(dir, 'dolma'));
    const { conn } = await loadDatasetFromFiles([join(dir, 'dolma')]);
    const inline = join(dir, 'inline.jsonl');
    try {
      const rows = await conn.query('SELECT id, text, source, quality__fasttext__hq FROM raw ORDER BY _shard, _row');
      writeFileSync(inline, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    } finally {
      conn.close();
    }
    const a = await run(['export', join(dir, 'dolma'), '--selector', 'quality__fasttext__hq', '--drop', '0.5', '--out', join(dir, 'a.jsonl')]);
    expect(a.code, a.err).toBe(0);
    expect((await run(['export', inline, '--selector', 'quality__fasttext__hq', '--drop', '0.5', '--out', join(dir, 'b.jsonl')])).code).toBe(0);
    expect(readFileSync(join(dir, 'a.jsonl'), 'utf8')).toBe(readFileSync(join(dir, 'b.jsonl'), 'utf8'));
    expect(readFileSync(join(dir, 'a.jsonl'), 'utf8').trim().split('\n')).toHaveLength(3);
    const verify = await run(['verify', join(dir, 'a.provenance.json')]);
    expect(verify.code, verify.out + verify.err).toBe(0);
  });

  it('a DataTrove run: nested metadata as columns, removed documents with step and reason, the funnel equal to stats.json', async () => {
    const dir = tempDir();
    writeDataTroveRun(join(dir, 'run'));
    const output = await infoOf(join(dir, 'run', 'output'));
    expect(output.selectors).toEqual([{ name: 'language_score', origin: 'datatrove:metadata' }]);
    expect(output.columns.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['url', 'dump', 'language', 'language_score']));

    const removed = await infoOf(join(dir, 'run', 'removed'));
    expect(removed.mapping).toMatchObject({ source: 'step', tags: 'reason' });
    // Exclusion outputs are known by their rows (metadata.filter_reason), not by their folders.
    expect([removed.layout.kind, output.layout.kind]).toEqual(['exclusion', 'files']);
    expect(removed.sources.map((s: { source: string; count: number }) => [s.source, s.count])).toEqual(DATATROVE_STEPS.map((s) => [s.folder, Object.values(s.reasons).reduce((a, b) => a + b, 0)]));

    // A whole run's folder: its logging folder's executor.json and ranks_to_run.json are not documents.
    const whole = await infoOf(join(dir, 'run'));
    expect(whole.layout.ignored.map((p: string) => p.slice(join(dir, 'run').length + 1))).toEqual(['logs/completions/00000', 'logs/executor.json', 'logs/logs/task_00000.log', 'logs/ranks_to_run.json']);
    const funnel = await run(['funnel', join(dir, 'run'), '--json']);
    expect(funnel.code, funnel.err).toBe(0);
    const steps = JSON.parse(funnel.out).steps;
    const stats = JSON.parse(readFileSync(join(dir, 'run', 'logs', 'stats.json'), 'utf8')) as Array<{ name: string; stats: Record<string, number> }>;
    expect(steps.map((s: { name: string }) => s.name)).toEqual(DATATROVE_STEPS.map((s) => s.name));
    for (const step of steps) {
      const block = stats.find((b) => b.name === step.name)!.stats;
      expect([step.total, step.kept, step.dropped]).toEqual([block.total, block.forwarded, block.dropped]);
      for (const [reason, n] of Object.entries(step.reasons)) expect(n).toBe(block[`dropped_${reason}`]);
      const folder = DATATROVE_STEPS.find((s) => s.name === step.name)!;
      expect(step.sample).toEqual({ step: folder.folder, dropped: Object.values(folder.reasons).reduce((a, b) => a + b, 0), reasons: folder.reasons });
    }
    expect(steps[0].reasons).toEqual(DATATROVE_FULL_REASONS[DATATROVE_STEPS[0].name]);
    // The run's summary statistics: whole-corpus figures read with MetricStats.from_dict's defaults.
    const corpus = JSON.parse(funnel.out).corpus_stats;
    expect(corpus.find((c: { stat: string; group: string }) => c.group === 'summary' && c.stat === 'length').summary).toMatchObject({ total: 1_800_000, n: 20_000, mean: 90, min: 31, max: 410 });
    const fqdn = corpus.find((c: { group: string }) => c.group === 'fqdn');
    expect(fqdn.keys).toBe(3);
    expect(fqdn.top.map((t: { key: string; stats: { n: number } }) => [t.key, t.stats.n])).toEqual([['site1.example', 6000], ['site0.example', 5000], ['site2.example', 1]]);
    expect(steps[1].reasons.gopher_short_doc).toBe(6 * DATATROVE_SCALE);
  });

  it('NeMo Curator and Data-Juicer outputs: selectors by name, stats nested under __dj__stats__, tracer files as steps', async () => {
    const dir = tempDir();
    writeNemoFile(join(dir, 'nemo.jsonl'));
    writeDataJuicer(join(dir, 'dj'));
    const nemo = await infoOf(join(dir, 'nemo.jsonl'));
    expect(nemo.selectors).toEqual([{ name: 'fineweb-edu-score-float', origin: 'nemo' }, { name: 'fineweb-edu-score-int', origin: 'nemo' }]);
    const dj = await infoOf(join(dir, 'dj', 'processed.jsonl'));
    expect(dj.selectors).toEqual(['text_len', 'perplexity', 'lang_score'].map((name) => ({ name, origin: 'data-juicer' })));
    const trace = await infoOf(join(dir, 'dj', 'trace'));
    expect(trace.layout.kind).toBe('data-juicer-trace');
    expect(Object.fromEntries(trace.sources.map((s: { source: string; count: number }) => [s.source, s.count]))).toEqual(DATA_JUICER_TRACES);
  });

  it('a DataTrove Parquet output: struct metadata becomes columns', async () => {
    const dir = tempDir();
    const path = join(dir, 'out.parquet');
    const conn = await NodeConnector.open();
    try {
      await conn.exec(`COPY (SELECT 'd' || i AS id, 'text ' || i AS text, {'url': 'u' || i, 'quality': {'edu': i / 10}} AS metadata FROM range(5) t(i)) TO '${path}' (FORMAT parquet)`);
    } finally {
      conn.close();
    }
    const info = await infoOf(path);
    expect(info.selectors).toEqual([{ name: 'edu', origin: 'datatrove:metadata' }]);
    expect(info.scores[0]).toMatchObject({ name: 'edu', min: 0, max: 0.4 });
  });

  it('bad layouts: one error naming the file and the row', async () => {
    const dir = tempDir();
    const root = join(dir, 'dolma');
    writeDolmaRoot(root);
    const attr = join(root, 'attributes', 'quality', 'web', '0000.json.gz');
    const lines = gunzipSync(readFileSync(attr)).toString('utf8').trim().split('\n');
    writeFileSync(attr, gzipSync(lines.slice(0, 2).join('\n') + '\n'));
    let r = await run(['info', root]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('attributes/quality/web/0000.json.gz: 2 rows, but documents/web/0000.json.gz has 3');
    writeFileSync(attr, gzipSync([lines[0], lines[2], lines[1]].join('\n') + '\n'));
    r = await run(['info', root]);
    expect(r.err).toContain('attributes/quality/web/0000.json.gz, row 2: id "web-2", but row 2 of documents/web/0000.json.gz is "web-1"');

    const run2 = join(dir, 'run');
    writeDataTroveRun(run2);
    writeFileSync(join(run2, 'logs', 'stats.json'), '[{"name": "x", ');
    r = await run(['funnel', run2]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('stats.json: not valid JSON');
    const removed = join(run2, 'removed', '2_gopher_quality', '00000.jsonl.gz');
    const rows = gunzipSync(readFileSync(removed)).toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
    delete rows[4].metadata.filter_reason;
    writeFileSync(removed, gzipSync(rows.map((x) => JSON.stringify(x)).join('\n') + '\n'));
    r = await run(['info', join(run2, 'removed')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('2_gopher_quality/00000.jsonl.gz, row 5: no metadata.filter_reason (1 of the file');
  });
});
