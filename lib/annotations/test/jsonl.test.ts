import { describe, expect, it } from 'vitest';
import { parseAnnotationImport, parseAnnotationRecords } from '../jsonl';

const exported = [
  JSON.stringify({ id: 7, batch: 'b1', created_at: '2026-12-01T00:00:00Z', dataset: 'fp1', doc_id: 'd1', annotator: 'ann', label: 'drop', idempotency_key: null }),
  '',
  JSON.stringify({ dataset: 'fp1', doc_id: 'd2', annotator: 'ann', label: 'keep', idempotency_key: 'k2' }),
].join('\n');

describe('annotations JSONL', () => {
  it('imports exported labels: server fields dropped, a content key where none was given, the same key on a second import', async () => {
    const first = await parseAnnotationImport(exported, 'labels.jsonl', 'fp1');
    expect(first.map((r) => [r.doc_id, r.label])).toEqual([
      ['d1', 'drop'],
      ['d2', 'keep'],
    ]);
    expect(first[0]).not.toHaveProperty('id');
    expect(first[0].idempotency_key).toMatch(/^import:[0-9a-f]{32}$/);
    expect(first[1].idempotency_key).toBe('k2');
    const again = await parseAnnotationImport(exported, 'labels.jsonl', 'fp1');
    expect(again[0].idempotency_key).toBe(first[0].idempotency_key);
  });

  it('names the file and line of a bad import', async () => {
    await expect(parseAnnotationImport(exported, 'labels.jsonl', 'fp2')).rejects.toThrow('labels.jsonl, line 1: labels for another dataset (fp1); this one is fp2');
    await expect(parseAnnotationImport('{"doc_id":"a"}\n{oops', 'x.jsonl', 'fp')).rejects.toThrow(/^x\.jsonl, line 1: /);
    await expect(parseAnnotationImport('\n{oops', 'x.jsonl', 'fp')).rejects.toThrow(/^x\.jsonl, line 2: malformed JSON/);
    await expect(parseAnnotationImport('[1]', 'x.jsonl', 'fp')).rejects.toThrow('x.jsonl, line 1: expected a JSON object');
  });

  it('reads the same file as override records', () => {
    expect(parseAnnotationRecords(exported, 'labels.jsonl')).toEqual([
      { dataset: 'fp1', doc_id: 'd1', annotator: 'ann', label: 'drop' },
      { dataset: 'fp1', doc_id: 'd2', annotator: 'ann', label: 'keep' },
    ]);
    expect(() => parseAnnotationRecords('{"doc_id":"d","annotator":"a","label":"maybe"}', 'l.jsonl')).toThrow('l.jsonl, line 1: "label" must be "keep", "drop", "unsure" or null, got "maybe"');
  });
});
