import { describe, expect, it } from 'vitest';
import { LAZY_TEXT_BYTES, planParquetRead } from '../ingest-browser';

describe('planParquetRead', () => {
  const cols = ['id', 'source', 'text', 'score'];
  it('reads everything when the text is small', () => {
    const plan = planParquetRead(cols, [100, 100], new Map([['text', 1000]]));
    expect(plan).toMatchObject({ rows: 200, columns: cols, textLoaded: true, textColumn: 'text', textBytesEstimate: 1000 });
  });
  it('leaves a large text column out when ids exist', () => {
    const plan = planParquetRead(cols, [500_000, 500_000], new Map([['text', LAZY_TEXT_BYTES + 1]]));
    expect(plan.columns).toEqual(['id', 'source', 'score']);
    expect(plan.textLoaded).toBe(false);
  });
  it('keeps a large text column when doc ids must be derived from it', () => {
    const plan = planParquetRead(['content', 'score'], [10], new Map([['content', LAZY_TEXT_BYTES + 1]]));
    expect(plan.textLoaded).toBe(true);
    expect(plan.columns).toEqual(['content', 'score']);
  });
  it('batches row groups to about batchRows rows per read', () => {
    const plan = planParquetRead(cols, [40, 40, 40, 40, 200, 10], new Map(), 100);
    expect(plan.rowGroups).toEqual([[0, 1], [2, 3], [4], [5]]);
  });
});
