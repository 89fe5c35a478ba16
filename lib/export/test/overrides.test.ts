import { describe, expect, it } from 'vitest';
import { InputError } from '../../data/errors';
import { parseAnnotationRecords as parseAnnotations } from '../../annotations/jsonl';
import { resolveOverrides } from '../overrides';

const ids = ['a', 'b', 'c', 'd', 'e'];
const lines = (records: object[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

describe('annotation overrides', () => {
  const text = lines([
    { doc_id: 'a', annotator: 'ann', label: 'drop' },
    { doc_id: 'a', annotator: 'bo', label: 'drop' },
    { doc_id: 'a', annotator: 'cy', label: 'keep' },
    { doc_id: 'b', annotator: 'ann', label: 'keep' },
    { doc_id: 'b', annotator: 'bo', label: 'drop' },
    { doc_id: 'c', annotator: 'ann', label: 'drop' },
    { doc_id: 'c', annotator: 'ann', label: null }, // cleared later
    { doc_id: 'd', annotator: 'bo', label: 'unsure' },
    { doc_id: 'e', annotator: 'bo', label: 'keep', dataset: 'FP' },
    { doc_id: 'zz', annotator: 'bo', label: 'drop' },
    { doc_id: 'e', annotator: 'ann', label: 'drop', dataset: 'OTHER' },
  ]);
  const records = parseAnnotations(text, 'labels.jsonl');

  it('majority: ties and unsure decide nothing; the last record per annotator wins', () => {
    const { overrides, counts } = resolveOverrides(records, ids, 'FP', { apply: 'both', annotator: null });
    expect(Array.from(overrides)).toEqual([-1, 0, 0, 0, 1]);
    expect(counts).toEqual({ records: 11, otherDataset: 1, unknownDocs: 1, decidedKeep: 1, decidedDrop: 1, ties: 1 });
  });

  it('one annotator, and drop-only / keep-only', () => {
    expect(Array.from(resolveOverrides(records, ids, 'FP', { apply: 'both', annotator: 'ann' }).overrides)).toEqual([-1, 1, 0, 0, 0]);
    expect(Array.from(resolveOverrides(records, ids, 'FP', { apply: 'drop', annotator: 'ann' }).overrides)).toEqual([-1, 0, 0, 0, 0]);
    expect(Array.from(resolveOverrides(records, ids, 'FP', { apply: 'keep', annotator: 'bo' }).overrides)).toEqual([0, 0, 0, 0, 1]);
  });

  it('bad lines name the file, the line and the field', () => {
    const bad = (t: string) => {
      try {
        parseAnnotations(t, 'x.jsonl');
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        return (e as Error).message;
      }
      throw new Error('no error');
    };
    expect(bad('{"doc_id":"a","annotator":"x","label":"keep"}\n{"doc_id":"a","annotator":"x","label":"maybe"}')).toBe('x.jsonl, line 2: "label" must be "keep", "drop", "unsure" or null, got "maybe"');
    expect(bad('\n{"doc_id":3,"annotator":"x","label":"keep"}')).toMatch(/^x\.jsonl, line 2: "doc_id" must be a non-empty string, got 3/);
    expect(bad('{oops')).toMatch(/^x\.jsonl, line 1: malformed JSON/);
  });
});
