import { describe, expect, it } from 'vitest';
import { loadDatasetFromFiles } from '../../cli/load';
import { addScoreColumns } from '../dataset';
import { jsonl, tempDir, writeFile } from './helpers';

describe('addScoreColumns (scores computed in the browser joined into docs)', () => {
  it('adds selector columns, merges computed tags into existing tags, and renames taken names', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'd.jsonl', jsonl([
      { id: 'a', text: 'one', heuristic: 0.5, tags: ['ocr_noise'] },
      { id: 'b', text: 'two', heuristic: 0.7 },
      { id: 'c', text: 'three', heuristic: 0.1 },
    ]));
    const { conn, dataset } = await loadDatasetFromFiles([file]);
    try {
      await conn.exec(`CREATE TABLE computed AS SELECT * FROM (VALUES (0, 3, 0.25, 0.9), (1, 0, 1.0, 0.0), (2, 2, 0.5, 0.2)) t(_idx, _tagbits, heuristic, secret)`);
      const next = await addScoreColumns(conn, dataset, 'computed', { selectors: ['heuristic', 'secret'], tagBits: ['encoding_error', 'ocr_noise'], version: 'test-1' });
      expect(next.mapping.scores).toEqual([...dataset.mapping.scores, 'sift_heuristic', 'secret']);
      expect(next.computed).toEqual({ version: 'test-1', selectors: ['sift_heuristic', 'secret'] });
      const rows = await conn.query('SELECT doc_id, tags, heuristic, sift_heuristic, secret FROM docs ORDER BY _idx');
      expect(rows.map((r) => [r.doc_id, [...((r.tags as string[]) ?? [])].sort(), r.heuristic, r.sift_heuristic, r.secret])).toEqual([
        ['a', ['encoding_error', 'ocr_noise'], 0.5, 0.25, 0.9],
        ['b', [], 0.7, 1, 0],
        ['c', ['ocr_noise'], 0.1, 0.5, 0.2],
      ]);
      const stats = next.summary.scores.find((s) => s.name === 'secret')!;
      expect(stats).toMatchObject({ min: 0, max: 0.9, count: 3, missing: 0 });
    } finally {
      conn.close();
    }
  });

  it('model scores: tags untouched, NaN is a missing score, the model and its directions recorded', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'd.jsonl', jsonl([
      { id: 'a', text: 'one', tags: ['ocr_noise'] },
      { id: 'b', text: '' },
      { id: 'c', text: 'three' },
    ]));
    const { conn, dataset } = await loadDatasetFromFiles([file]);
    try {
      await conn.exec(`CREATE TABLE computed AS SELECT * FROM (VALUES (0, 0, 3.5::DOUBLE), (1, 0, 'NaN'::DOUBLE), (2, 0, 2.5::DOUBLE)) t(_idx, _tagbits, model_bpb)`);
      const next = await addScoreColumns(conn, dataset, 'computed', {
        selectors: ['model_bpb'],
        tagBits: [],
        version: 'h1',
        model: { name: 'model_bpb', hash: 'h1', directions: { model_bpb: 'lower' } },
      });
      expect(next.computed).toBeUndefined();
      expect(next.models).toEqual([{ name: 'model_bpb', hash: 'h1', selectors: ['model_bpb'], directions: { model_bpb: 'lower' } }]);
      const rows = await conn.query('SELECT tags, model_bpb FROM docs ORDER BY _idx');
      expect(rows.map((r) => [r.tags === null ? null : [...(r.tags as string[])], r.model_bpb])).toEqual([[['ocr_noise'], 3.5], [null, null], [null, 2.5]]);
      expect(next.summary.scores.find((s) => s.name === 'model_bpb')).toMatchObject({ min: 2.5, max: 3.5, mean: 3, count: 2, missing: 1 });
    } finally {
      conn.close();
    }
  });
});
