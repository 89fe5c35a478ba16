import { describe, expect, it } from 'vitest';
import { ColumnAccumulator } from '../columns';
import { InputError } from '../errors';
import { planLayout } from '../layouts';
import { plainNames } from '../nested';
import { codePointLength, codePointsToUtf16, joinDolmaAttributes } from '../pipelines/dolma';
import type { FunnelStep } from '../pipelines/datatrove-stats';
import { combineFunnel, sampleSteps } from '../pipelines/funnel';

const table = (rows: Array<Record<string, unknown>>) => {
  const acc = new ColumnAccumulator();
  for (const r of rows) acc.addRow(r);
  return acc.finish();
};

describe('planLayout', () => {
  it('pairs a Dolma root’s documents with each experiment’s attributes file, and names a missing one', () => {
    const plan = planLayout(['ds/documents/a/0.json.gz', 'ds/attributes/pii/a/0.json.gz', 'ds/attributes/q/a/0.json.gz', 'ds/README.md']);
    expect(plan.kind).toBe('dolma');
    expect(plan.documents).toEqual([{ path: 'ds/documents/a/0.json.gz', shape: {}, attributes: [{ experiment: 'pii', path: 'ds/attributes/pii/a/0.json.gz' }, { experiment: 'q', path: 'ds/attributes/q/a/0.json.gz' }] }]);
    expect(plan.ignored).toEqual(['ds/README.md']);
    expect(() => planLayout(['documents/0.jsonl', 'documents/1.jsonl', 'attributes/q/0.jsonl'])).toThrow(/attributes\/q\/1\.jsonl: missing: experiment "q"/);
  });

  it('keeps run statistics apart, names each file’s step by its folder, and reads tracer files as their op', () => {
    const run = planLayout(['logs/stats.json', 'logs/stats/00000.json', 'output/00000.jsonl.gz', './removed/1_gopher/00000.jsonl.gz', 'removed//2_c4/00000.jsonl.gz']);
    expect(run.statsFiles).toEqual(['logs/stats.json', 'logs/stats/00000.json']);
    expect(run.documents.map((d) => [d.path, d.shape.step])).toEqual([['output/00000.jsonl.gz', 'output'], ['removed/1_gopher/00000.jsonl.gz', '1_gopher'], ['removed/2_c4/00000.jsonl.gz', '2_c4']]);
    // Files keep the order given: it is the dataset's row order (the CLI and the page sort a folder's paths first).
    expect(planLayout(['b.jsonl', 'a.jsonl']).documents.map((d) => d.path)).toEqual(['b.jsonl', 'a.jsonl']);
    const trace = planLayout(['filter-perplexity_filter.jsonl', 'filter-text_length_filter.jsonl']);
    expect(trace.kind).toBe('data-juicer-trace');
    expect(trace.documents.map((d) => d.shape)).toEqual([{ step: 'perplexity_filter', reason: 'perplexity_filter' }, { step: 'text_length_filter', reason: 'text_length_filter' }]);
  });
});

describe('nested records', () => {
  it('flattens nested objects to dotted columns, arrays stay JSON text', () => {
    const t = table([{ id: 1, metadata: { url: 'u', stats: { n: 2 } }, spans: [[0, 1, 0.5]] }, { id: 2, metadata: { url: 'v', extra: true } }]);
    expect(t.columns.map((c) => [c.name, c.type])).toEqual([['id', 'int64'], ['metadata.url', 'utf8'], ['metadata.stats.n', 'int64'], ['spans', 'utf8'], ['metadata.extra', 'bool']]);
    expect(t.columns[3].values).toEqual(['[[0,1,0.5]]', null]);
  });

  it('names a leaf by its key unless another column or leaf has it', () => {
    expect(plainNames(['id', 'url'], [{ path: ['metadata', 'url'] }, { path: ['metadata', 'score'] }, { path: ['a', 'n'] }, { path: ['b', 'n'] }])).toEqual(['metadata.url', 'score', 'a.n', 'b.n']);
  });
});

describe('Dolma attributes', () => {
  it('turns code-point offsets into UTF-16 offsets (emoji, flags, CJK)', () => {
    const text = 'a👩‍🔬b🇯🇵中c';
    expect(codePointLength(text)).toBe(Array.from(text).length);
    const cps = [0, 1, 2, 5, 6, 8, 9, 10, 99];
    const u16 = codePointsToUtf16(text, cps);
    cps.forEach((cp, i) => expect(u16[i]).toBe(Array.from(text).slice(0, cp).join('').length));
  });

  it('a whole-document attribute is a score; others are span tags with a count, a max and UTF-16 spans', () => {
    const docs = table([{ id: 'a', text: '🌊 x@y.z' }, { id: 'b', text: 'none' }]);
    const attrs = table([
      { id: 'a', attributes: { e__t__doc: [[0, 7, 0.9]], e__t__mail: [[2, 7, 1]] } },
      { id: 'b', attributes: { e__t__doc: [[0, 4, 0.2]], e__t__mail: [] } },
    ]);
    const { table: joined, origins } = joinDolmaAttributes(docs, 'd.jsonl', [{ experiment: 'e', file: 'attr.jsonl', table: attrs }]);
    const col = (n: string) => joined.columns.find((c) => c.name === n)!;
    expect(Array.from(col('e__t__doc').values as Float64Array)).toEqual([0.9, 0.2]);
    expect(Array.from(col('e__t__mail__spans').values as Float64Array)).toEqual([1, 0]);
    expect(col('dolma_spans').values).toEqual([JSON.stringify([['e__t__mail', 3, 8, 1]]), null]);
    expect('🌊 x@y.z'.slice(3, 8)).toBe('x@y.z');
    expect(col('tags').values).toEqual(['e__t__mail', null]);
    expect(origins).toEqual({ e__t__doc: 'dolma:e', e__t__mail__spans: 'dolma:e', e__t__mail__max: 'dolma:e' });
  });

  it('names the attributes file and the first row that does not line up', () => {
    const docs = table([{ id: 'a', text: 'x' }, { id: 'b', text: 'y' }, { id: 'c', text: 'z' }]);
    const short = table([{ id: 'a', attributes: { e__t__s: [[0, 1, 1]] } }, { id: 'b', attributes: { e__t__s: [[0, 1, 1]] } }]);
    const swapped = table([{ id: 'a', attributes: {} }, { id: 'c', attributes: {} }, { id: 'b', attributes: {} }]);
    const err = (t: ReturnType<typeof table>) => {
      try {
        joinDolmaAttributes(docs, 'docs.jsonl', [{ experiment: 'e', file: 'attrs.jsonl', table: t }]);
      } catch (e) {
        return e as InputError;
      }
      throw new Error('no error');
    };
    expect(err(short).message).toBe('attrs.jsonl: 2 rows, but docs.jsonl has 3: attributes files are row-aligned with their documents (first row without a partner: 3)');
    expect(err(swapped)).toMatchObject({ code: 'bad_layout', file: 'attrs.jsonl', line: 2 });
    expect(err(swapped).message).toContain('attrs.jsonl, row 2: id "c", but row 2 of docs.jsonl is "b"');
  });
});

describe('removal funnel', () => {
  it('matches the removed documents’ steps to the statistics’ steps by their reasons', () => {
    const sample = sampleSteps([{ step: '2_c4', reason: 'curly_bracket', n: 2 }, { step: '1_gopher', reason: 'gopher_short_doc', n: 3 }, { step: 'x', reason: 'other', n: 1 }]);
    const stats: FunnelStep[] = [
      { name: 'Gopher', total: 100, kept: 70, dropped: 30, reasons: { gopher_short_doc: 30 }, keptChars: null, keptTokens: null },
      { name: 'C4', total: 70, kept: 60, dropped: 10, reasons: { curly_bracket: 4, lorem_ipsum: 6 }, keptChars: null, keptTokens: null },
    ];
    const rows = combineFunnel(stats, sample);
    expect(rows.map((r) => [r.name, r.sample?.step ?? null])).toEqual([['Gopher', '1_gopher'], ['C4', '2_c4'], ['x', 'x']]);
    expect(rows[2]).toMatchObject({ total: null, dropped: null });
  });
});
