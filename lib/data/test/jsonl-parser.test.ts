import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import { JsonlParser, quoteNonStandardNumbers } from '../jsonl-parser';

const enc = (s: string) => new TextEncoder().encode(s);

function parse(chunks: Array<string | Uint8Array>, policy: 'error' | 'skip' = 'error') {
  const p = new JsonlParser('f.jsonl', policy);
  for (const c of chunks) p.push(typeof c === 'string' ? enc(c) : c);
  return p.finish();
}

describe('JsonlParser', () => {
  it('reads objects across chunk boundaries, including a character split between chunks', () => {
    const bytes = enc('{"id":"a","text":"héllo"}\n{"id":"b","text":"wörld"}\n');
    const cut = bytes.indexOf(0xc3) + 1; // inside the two-byte é
    const { table, report } = parse([bytes.subarray(0, cut), bytes.subarray(cut)]);
    expect(report.rows).toBe(2);
    const text = table.columns.find((c) => c.name === 'text')!;
    expect(text.type === 'utf8' && text.values).toEqual(['héllo', 'wörld']);
  });

  it('names the file and line of a malformed line', () => {
    expect(() => parse(['{"a":1}\n{"a":2}\n{"a":\n'])).toThrowError(/f\.jsonl, line 3: malformed JSON/);
    try {
      parse(['{"a":1}\nnot json\n']);
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).line).toBe(2);
      expect((e as InputError).code).toBe('bad_json_line');
    }
  });

  it('skips bad lines when asked and counts them', () => {
    const { report } = parse(['{"a":1}\n[1,2]\n{bad\n{"a":3}\n'], 'skip');
    expect(report.rows).toBe(2);
    expect(report.badLines.count).toBe(2);
    expect(report.badLines.examples.map((e) => e.line)).toEqual([2, 3]);
    expect(report.badLines.examples[0].message).toMatch(/expected a JSON object, found an array/);
  });

  it('replaces invalid UTF-8 and counts it, not counting U+FFFD already in the file', () => {
    const good = enc('{"t":"ok \uFFFD"}\n');
    const bad = new Uint8Array([...enc('{"t":"x'), 0xff, 0xfe, ...enc('y"}\n')]);
    const { table, report } = parse([good, bad]);
    expect(report.invalidUtf8.lines).toBe(1);
    expect(report.invalidUtf8.replacedChars).toBe(2);
    const t = table.columns[0];
    expect(t.type === 'utf8' && t.values[1]).toBe('x\uFFFD\uFFFDy');
  });

  it('reports an empty file and a file of blank lines specifically', () => {
    expect(() => parse([])).toThrowError(/the file is empty/);
    expect(() => parse(['\n\n  \n'])).toThrowError(/no rows \(only blank lines\)/);
  });

  it('handles CRLF line ends, a BOM and a last line without newline', () => {
    const { table } = parse(['\uFEFF{"a":1}\r\n{"a":2}']);
    const a = table.columns[0];
    expect(a.type).toBe('int64');
    expect(Array.from((a as { values: Float64Array }).values)).toEqual([1, 2]);
  });

  it('keeps numbers numeric, mixes into text (coerced later in SQL), and pads missing fields with nulls', () => {
    const { table } = parse([`{"s":0.5,"m":1}\n{"s":1.5,"m":"abc","late":true}\n`]);
    const byName = Object.fromEntries(table.columns.map((c) => [c.name, c]));
    expect(byName.s.type).toBe('float64');
    expect(byName.m.type).toBe('utf8');
    expect((byName.m as { values: unknown[] }).values).toEqual(['1', 'abc']);
    expect(byName.late.type).toBe('bool');
    expect(Array.from((byName.late as { valid: Uint8Array }).valid)).toEqual([0, 1]);
  });

  it('reads Python-style NaN and Infinity literals as text so they count as non-numeric', () => {
    const { table, report } = parse(['{"s":NaN,"t":"NaN inside"}\n{"s":-Infinity,"t":"x"}\n{"s":2,"t":"y"}\n']);
    expect(report.nonStandardNumbers).toBe(2);
    const s = table.columns.find((c) => c.name === 's')!;
    expect(s.type === 'utf8' && s.values).toEqual(['NaN', '-Infinity', '2']);
  });

  it('parses one very long line in linear time', () => {
    const text = 'x'.repeat(20_000_000);
    const line = enc(`{"text":"${text}"}\n`);
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < line.length; i += 65536) chunks.push(line.subarray(i, i + 65536));
    const t0 = performance.now();
    const { report } = parse(chunks);
    expect(report.rows).toBe(1);
    // Quadratic joining of 300 chunks of a 20 MB line would take minutes.
    expect(performance.now() - t0).toBeLessThan(10_000);
  });
});

describe('quoteNonStandardNumbers', () => {
  it('quotes only literals outside strings', () => {
    expect(quoteNonStandardNumbers('{"a":NaN,"b":"NaN","c":[Infinity,-Infinity],"d":"\\"NaN"}')).toEqual({
      text: '{"a":"NaN","b":"NaN","c":["Infinity","-Infinity"],"d":"\\"NaN"}',
      count: 3,
    });
  });
});
