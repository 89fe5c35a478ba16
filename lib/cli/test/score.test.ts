import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NodeConnector } from '../../data/connectors/node';
import { jsonl, tempDir, writeFile } from '../../data/test/helpers';
import { scoreText } from '../../scoring/score';
import { TAGGERS } from '../../scoring/taggers';
import { main } from '../main';
import { capture } from './capture';

const prose =
  'The committee met on a cold morning in March and agreed that the river needed a new levee. Engineers from the county ' +
  'office had surveyed the valley twice since the spring floods, and their report described weak walls near the mill.';
const docs = Array.from({ length: 1200 }, (_, i) => ({
  id: `doc-${String(i).padStart(4, '0')}`,
  text: i % 3 === 0 ? prose.toUpperCase() : i % 3 === 1 ? `${prose} ${i}` : `Caf\u00c3\u00a9 r\u00c3\u00a9sum\u00c3\u00a9 ${i}`,
}));

describe('sift score', () => {
  it('writes one JSONL row per document in input order, with id as doc_id, rule columns, tags, heuristic and signals', async () => {
    const dir = tempDir();
    const input = writeFile(dir, 'in.jsonl', jsonl(docs));
    const out = join(dir, 'scores.jsonl');
    const io = capture();
    expect(await main(['score', input, '--out', out, '--workers', '2'], io)).toBe(0);
    expect(io.stdout[0]).toMatch(/wrote .*scores\.jsonl: 1200 documents/);
    const rows = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((r) => r.doc_id)).toEqual(docs.map((d) => d.id));
    expect(Object.keys(rows[0])).toEqual([
      'doc_id', 'gopher_quality', 'gopher_quality_reason', 'gopher_repetition', 'gopher_repetition_reason',
      'c4_quality', 'c4_quality_reason', 'fineweb_quality', 'fineweb_quality_reason', 'tags', 'heuristic', ...TAGGERS, 'language',
    ]);
    expect(rows[0].tags).toContain('all_caps');
    expect(rows[2].tags).toContain('encoding_error');
    expect(rows[1].tags).toEqual([]);
    // The CLI runs the same code as the library, on worker threads.
    const direct = scoreText(docs[7].text);
    expect(rows[7].heuristic).toBe(direct.heuristic);
    expect(rows[7].c4_quality).toBe(direct.rules.c4_quality === null);
    expect(rows[7].c4_quality_reason).toBe(direct.rules.c4_quality);
  });

  it('writes Parquet with the same values and the chosen rule sets only', async () => {
    const dir = tempDir();
    const input = writeFile(dir, 'in.jsonl', jsonl(docs.slice(0, 50)));
    const out = join(dir, 'scores.parquet');
    expect(await main(['score', input, '--out', out, '--rules', 'gopher_quality,c4_quality', '--workers', '1'], capture())).toBe(0);
    const conn = await NodeConnector.open();
    try {
      const rows = await conn.query(`SELECT * FROM '${out}'`);
      expect(rows).toHaveLength(50);
      expect(Object.keys(rows[0]).slice(0, 6)).toEqual(['doc_id', 'gopher_quality', 'gopher_quality_reason', 'c4_quality', 'c4_quality_reason', 'tags']);
      expect(rows[0].gopher_quality).toBe(false);
      expect(rows[0].gopher_quality_reason).toBe('gopher_short_doc');
      const types = await conn.query(`DESCRIBE SELECT * FROM '${out}'`);
      expect(types.find((t) => t.column_name === 'tags')?.column_type).toBe('VARCHAR[]');
      expect(types.find((t) => t.column_name === 'heuristic')?.column_type).toBe('DOUBLE');
    } finally {
      conn.close();
    }
  });

  it('rejects bad usage with exit code 2 and a message naming the problem', async () => {
    const dir = tempDir();
    const input = writeFile(dir, 'in.jsonl', jsonl(docs.slice(0, 3)));
    for (const [args, message] of [
      [['score', input], /needs --out/],
      [['score', input, '--out', join(dir, 'x.csv')], /must end in \.jsonl or \.parquet/],
      [['score', input, '--out', join(dir, 'x.jsonl'), '--rules', 'gopher'], /unknown rule set "gopher"/],
      [['score', input, '--out', join(dir, 'x.jsonl'), '--workers', '0'], /--workers/],
    ] as const) {
      const io = capture();
      expect(await main([...args], io)).toBe(2);
      expect(io.stderr.join('\n')).toMatch(message);
    }
  });

  it('stops at a malformed line naming file and line, or with --skip-bad-lines scores the rest and lists what it skipped', async () => {
    const dir = tempDir();
    const good = docs.slice(0, 4);
    const input = writeFile(dir, 'mixed.jsonl', [jsonl(good.slice(0, 2)).trimEnd(), '{"id": "broken", "text": ', 'not json at all', jsonl(good.slice(2))].join('\n'));
    const out = join(dir, 'scores.jsonl');
    const stopped = capture();
    expect(await main(['score', input, '--out', out], stopped)).toBe(1);
    expect(stopped.stderr.join('\n')).toMatch(/mixed\.jsonl, line 3: malformed JSON/);
    expect(existsSync(out)).toBe(false);

    const skipped = capture();
    expect(await main(['score', input, '--out', out, '--workers', '1', '--skip-bad-lines'], skipped)).toBe(0);
    expect(skipped.stdout.join('\n')).toMatch(/4 documents[\s\S]*\nwarning: mixed\.jsonl: skipped 2 malformed lines \(line 3, 4\)/);
    const rows = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((r) => r.doc_id)).toEqual(good.map((d) => d.id));
    expect(rows[3].heuristic).toBe(scoreText(good[3].text).heuristic);

    const json = capture();
    expect(await main(['score', input, '--out', out, '--workers', '1', '--skip-bad-lines', '--json'], json)).toBe(0);
    expect(JSON.parse(json.stdout.join('\n')).warnings).toEqual(['mixed.jsonl: skipped 2 malformed lines (line 3, 4)']);
  });

  it('fails with exit code 1 when the input has no text column', async () => {
    const dir = tempDir();
    const input = writeFile(dir, 'in.jsonl', jsonl([{ id: 'a', q: 1 }]));
    const io = capture();
    expect(await main(['score', input, '--out', join(dir, 'x.jsonl')], io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/no text column/);
  });
});
