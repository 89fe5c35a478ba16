import { describe, expect, it } from 'vitest';
import { NodeConnector } from '../connectors/node';
import { definitionsFor, ExpressionError, expressionToSql, parseExpression, referencedNames } from '../derived';

const known = ['loss_weak', 'loss_strong', 'a', 'b', 'fineweb-edu score'];

function rejects(src: string, pattern: RegExp) {
  try {
    parseExpression(src, known);
  } catch (e) {
    expect(e).toBeInstanceOf(ExpressionError);
    expect((e as Error).message).toMatch(pattern);
    return;
  }
  throw new Error(`accepted: ${src}`);
}

describe('derived selector expressions', () => {
  it('parses arithmetic, functions and quoted names with precedence', () => {
    expect(parseExpression('loss_weak - loss_strong', known)).toEqual({
      kind: 'binary',
      op: '-',
      left: { kind: 'name', name: 'loss_weak' },
      right: { kind: 'name', name: 'loss_strong' },
    });
    const e = parseExpression('(rank(a) + rank(b)) / 2 * -1 + "fineweb-edu score"', known);
    expect(referencedNames(e).sort()).toEqual(['a', 'b', 'fineweb-edu score']);
  });

  it('rejects what is not on the whitelist, saying where', () => {
    rejects('1; DROP TABLE docs', /unexpected character ";" \(at column 2\)/);
    rejects("read_csv('/etc/passwd')", /text values are not allowed|unknown function "read_csv"/);
    rejects('read_csv(a)', /unknown function "read_csv".*\(at column 1\)/);
    rejects('(a + b', /expected "\)" but the expression ended \(at column 7\)/);
    rejects('a + b)', /unbalanced "\)" \(at column 6\)/);
    rejects('a + c', /unknown selector "c".*\(at column 5\)/);
    rejects('rank(a, b)', /rank\(\) takes 1 argument, got 2/);
    rejects('', /empty/);
    rejects('a +', /expected a number, a selector or "\(" but the expression ended/);
    rejects('docs.text', /unknown selector "docs.text"/);
    rejects('a -- comment', /unknown selector "comment"/);
    rejects('"unclosed', /unclosed quoted name/);
  });

  it('computes the same values as an independent computation, missing in → missing out', async () => {
    const conn = await NodeConnector.open();
    await conn.exec(`CREATE TABLE docs AS SELECT * FROM (VALUES (1, 2.0, 1.5, 3.0, 0.0), (2, 3.0, 1.0, NULL, -1.0), (3, 1.0, 0.5, 3.0, 4.0), (4, 5.0, 5.0, 1.0, 2.0)) t(i, loss_weak, loss_strong, a, b)`);
    const value = async (src: string) =>
      (await conn.query(`SELECT i, ${expressionToSql(parseExpression(src, known))} AS v FROM docs ORDER BY i`)).map((r) => r.v as number | null);
    expect(await value('loss_weak - loss_strong')).toEqual([0.5, 2, 0.5, 0]);
    expect(await value('a / b')).toEqual([null, null, 0.75, 0.5]);
    expect(await value('log(b)')).toEqual([null, null, Math.log(4), Math.log(2)]);
    expect(await value('min(a, b)')).toEqual([0, null, 3, 1]);
    expect(await value('coalesce(a, b)')).toEqual([3, -1, 3, 1]);
    // Average ranks with a tie: a = 3, ·, 3, 1 → ranks 2.5, ·, 2.5, 1 over 3 values → (r − 1) / 2.
    expect(await value('rank(a)')).toEqual([0.75, null, 0.75, 0]);
    const z = await value('zscore(loss_weak)');
    const xs = [2, 3, 1, 5];
    const mean = 11 / 4;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / 3);
    z.forEach((v, i) => expect(v).toBeCloseTo((xs[i] - mean) / sd, 12));
    expect(await value('exp(1000 * a)')).toEqual([null, null, null, null]);
    conn.close();
  });
});

describe('definitionsFor', () => {
  const defined = [
    { name: 'gain', expression: 'model_bpb_weak - model_bpb' },
    { name: 'ai', expression: 'loss_weak - loss_strong' },
    { name: 'mix', expression: '(rank(ai) + rank(quality)) / 2' },
    { name: 'mix2', expression: 'log(mix + 1) * zscore(ai)' },
  ];
  it('keeps only what the exported selector reads, in definition order', () => {
    expect(definitionsFor('compression_ratio', defined)).toEqual([]);
    expect(definitionsFor('gain', defined).map((d) => d.name)).toEqual(['gain']);
    expect(definitionsFor('mix', defined).map((d) => d.name)).toEqual(['ai', 'mix']);
    expect(definitionsFor('mix2', defined).map((d) => d.name)).toEqual(['ai', 'mix', 'mix2']);
  });
});
