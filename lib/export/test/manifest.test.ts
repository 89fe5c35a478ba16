import { describe, expect, it } from 'vitest';
import { buildSelectorIndex, type RowFacts } from '../../selection/engine';
import { buildManifest, firstDifference } from '../manifest';

const rows: RowFacts = {
  sourceOf: Uint32Array.from([0, 0, 1, 1, 0]),
  sources: ['a', 'b'],
  chars: new Float64Array(5).fill(1),
  tokens: new Float64Array(5).fill(1),
  idRank: Uint32Array.from([0, 1, 2, 3, 4]),
};
const scores = Float64Array.from([0.3, 0.1, NaN, 0.9, 0.5]);
const ids = ['d0', 'd,1', 'd"2', 'd3', 'd4'];
const index = buildSelectorIndex(rows, 'q', scores, 'higher');

describe('manifests', () => {
  it('threshold keep and drop lists in file order, JSONL and CSV with quoting', () => {
    const keep = buildManifest(rows, index, scores, ids, { mode: 'threshold', params: { ratio: 0.5 }, list: 'keep', format: 'jsonl' });
    // Scored: 4; drop floor(2) = d,1 (0.1) and d0 (0.3); d"2 has no score and is kept.
    expect(keep.text).toBe('{"doc_id":"d\\"2"}\n{"doc_id":"d3"}\n{"doc_id":"d4"}\n');
    expect(keep).toMatchObject({ rows: 3, kept: 3, dropped: 2 });
    const drop = buildManifest(rows, index, scores, ids, { mode: 'threshold', params: { ratio: 0.5 }, list: 'drop', format: 'csv' });
    expect(drop.text).toBe('doc_id\nd0\n"d,1"\n');
  });

  it('softmax weights over kept documents, boltzmann samples in draw order', () => {
    const soft = buildManifest(rows, index, scores, ids, { mode: 'softmax', params: { ratio: 0 }, list: 'keep', temperature: 0.5, format: 'csv' });
    const lines = soft.text.trim().split('\n');
    expect(lines[0]).toBe('doc_id,weight');
    expect(lines).toHaveLength(5); // the document without a score gets no weight
    const weights = lines.slice(1).map((l) => Number(l.split(',').pop()));
    expect(weights.reduce((a, b) => a + b, 0) / weights.length).toBeCloseTo(1, 12);
    const sample = buildManifest(rows, index, scores, ids, { mode: 'boltzmann', params: { ratio: 0 }, list: 'keep', temperature: 1, sample: 2, seed: 3, format: 'jsonl' });
    const drawn = sample.text.trim().split('\n').map((l) => JSON.parse(l));
    expect(drawn.map((d) => d.draw_order)).toEqual([1, 2]);
    expect(buildManifest(rows, index, scores, ids, { mode: 'boltzmann', params: { ratio: 0 }, list: 'keep', temperature: 1, sample: 2, seed: 3, format: 'jsonl' }).text).toBe(sample.text);
  });

  it('reports the first differing line', () => {
    expect(firstDifference('a\nb\nc\n', 'a\nb\nc\n')).toBeNull();
    expect(firstDifference('a\nb\nc\n', 'a\nB\nc\n')).toEqual({ line: 2, expected: 'b', actual: 'B' });
  });
});
