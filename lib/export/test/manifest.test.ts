import { describe, expect, it } from 'vitest';
import { buildSelectorIndex, type RowFacts } from '../../selection/engine';
import { chunksToText, firstDifference, manifestColumns, selectManifestRows, textChunks, type ExportSpec } from '../manifest';
import { scopeMask } from '../scope';

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

const text = (spec: ExportSpec, inputs = {}) => {
  const m = selectManifestRows(rows, index, scores, ids, spec, inputs);
  return { m, text: spec.format === 'parquet' ? '' : chunksToText([...textChunks(manifestColumns(m, ids), spec.format)]) };
};

describe('manifests', () => {
  it('threshold keep and drop lists in file order, JSONL and CSV with quoting', () => {
    const keep = text({ mode: 'threshold', params: { ratio: 0.5 }, list: 'keep', format: 'jsonl' });
    // Scored: 4; drop floor(2) = d,1 (0.1) and d0 (0.3); d"2 has no score and is kept.
    expect(keep.text).toBe('{"doc_id":"d\\"2"}\n{"doc_id":"d3"}\n{"doc_id":"d4"}\n');
    expect(keep.m.counts).toMatchObject({ kept: 3, dropped: 2, inScope: 5 });
    const drop = text({ mode: 'threshold', params: { ratio: 0.5 }, list: 'drop', format: 'csv' });
    expect(drop.text).toBe('doc_id\nd0\n"d,1"\n');
  });

  it('softmax weights over kept documents, boltzmann samples in draw order', () => {
    const soft = text({ mode: 'softmax', params: { ratio: 0 }, list: 'keep', temperature: 0.5, format: 'csv' });
    const lines = soft.text.trim().split('\n');
    expect(lines[0]).toBe('doc_id,weight');
    expect(lines).toHaveLength(5); // the document without a score gets no weight
    const weights = lines.slice(1).map((l) => Number(l.split(',').pop()));
    expect(weights.reduce((a, b) => a + b, 0) / weights.length).toBeCloseTo(1, 12);
    const spec: ExportSpec = { mode: 'boltzmann', params: { ratio: 0 }, list: 'keep', temperature: 1, sample: 2, seed: 3, format: 'jsonl' };
    const sample = text(spec);
    const drawn = sample.text.trim().split('\n').map((l) => JSON.parse(l) as { draw_order: number });
    expect(drawn.map((d) => d.draw_order)).toEqual([1, 2]);
    expect(text(spec).text).toBe(sample.text);
  });

  it('annotation overrides force documents in and out before the list is written', () => {
    // d0 dropped by the rule, forced in; d3 kept by the rule, forced out.
    const overrides = Int8Array.from([1, 0, 0, -1, 0]);
    const keep = text({ mode: 'threshold', params: { ratio: 0.5 }, list: 'keep', format: 'jsonl' }, { overrides });
    expect(keep.text).toBe('{"doc_id":"d0"}\n{"doc_id":"d\\"2"}\n{"doc_id":"d4"}\n');
    expect(keep.m.counts).toMatchObject({ kept: 3, forcedKeep: 1, forcedDrop: 1 });
  });

  it('a filter narrows the list without moving the threshold', () => {
    const scope = scopeMask(rows, scores, { sources: ['a'], tag: null, scoreMin: 0.2, scoreMax: null }, null);
    expect(Array.from(scope)).toEqual([1, 0, 0, 0, 1]);
    const keep = text({ mode: 'threshold', params: { ratio: 0.5 }, list: 'keep', format: 'csv' }, { scope });
    expect(keep.text).toBe('doc_id\nd4\n');
    const drop = text({ mode: 'threshold', params: { ratio: 0.5 }, list: 'drop', format: 'csv' }, { scope });
    expect(drop.text).toBe('doc_id\nd0\n');
    const tagged = scopeMask(rows, scores, { sources: [], tag: 'x', scoreMin: null, scoreMax: null }, Uint8Array.from([0, 1, 1, 0, 0]));
    expect(Array.from(tagged)).toEqual([0, 1, 1, 0, 0]);
  });

  it('reports the first differing line, or byte for binary files', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(firstDifference(enc('a\nb\nc\n'), enc('a\nb\nc\n'), false)).toBeNull();
    expect(firstDifference(enc('a\nb\nc\n'), enc('a\nB\nc\n'), false)).toEqual({ where: 'line 2', expected: 'b', actual: 'B' });
    expect(firstDifference(enc('a\nb\n'), enc('a\nb\nc\n'), false)).toEqual({ where: 'line 3', expected: '(end of file)', actual: 'c' });
    expect(firstDifference(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 4), true)).toEqual({ where: 'byte 2 (of 3 expected, 3 found)', expected: '0x03', actual: '0x04' });
  });
});
