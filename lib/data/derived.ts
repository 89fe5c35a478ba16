/**
 * Derived selectors: an expression over existing selectors, parsed and
 * validated against a whitelist before any SQL exists. Allowed: known selector
 * names (bare, or "quoted" when they contain other characters), numbers,
 * + - * / and parentheses, and the functions below. Anything else — strings,
 * semicolons, unknown names or functions — is rejected with its position.
 */
import { quoteIdent } from './sql/quote';

export type Expr =
  | { kind: 'number'; value: number }
  | { kind: 'name'; name: string }
  | { kind: 'neg'; arg: Expr }
  | { kind: 'binary'; op: '+' | '-' | '*' | '/'; left: Expr; right: Expr }
  | { kind: 'call'; fn: FunctionName; args: Expr[] };

export const FUNCTIONS = {
  rank: { min: 1, max: 1, doc: 'rank(x): average rank of x among documents with a value, scaled to [0, 1]' },
  zscore: { min: 1, max: 1, doc: 'zscore(x): (x − mean) / standard deviation' },
  log: { min: 1, max: 1, doc: 'log(x): natural logarithm (missing for x ≤ 0)' },
  exp: { min: 1, max: 1, doc: 'exp(x)' },
  sqrt: { min: 1, max: 1, doc: 'sqrt(x) (missing for x < 0)' },
  abs: { min: 1, max: 1, doc: 'abs(x)' },
  min: { min: 2, max: 16, doc: 'min(a, b, …): missing if any argument is' },
  max: { min: 2, max: 16, doc: 'max(a, b, …): missing if any argument is' },
  coalesce: { min: 2, max: 16, doc: 'coalesce(a, b, …): the first present value' },
} as const;
export type FunctionName = keyof typeof FUNCTIONS;

export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly column: number,
  ) {
    super(`${message} (at column ${column})`);
    this.name = 'ExpressionError';
  }
}

type Token = { type: 'num'; value: number; pos: number } | { type: 'name'; value: string; pos: number; quoted: boolean } | { type: 'op'; value: string; pos: number } | { type: 'end'; pos: number };

const MAX_LENGTH = 2000;

function tokenize(src: string): Token[] {
  if (src.length > MAX_LENGTH) throw new ExpressionError(`expression longer than ${MAX_LENGTH} characters`, MAX_LENGTH + 1);
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const number = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(src.slice(i));
    if (number) {
      out.push({ type: 'num', value: Number(number[0]), pos: i + 1 });
      i += number[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(src.slice(i));
    if (word) {
      out.push({ type: 'name', value: word[0], pos: i + 1, quoted: false });
      i += word[0].length;
      continue;
    }
    if (c === '"') {
      const end = src.indexOf('"', i + 1);
      if (end < 0) throw new ExpressionError('unclosed quoted name', i + 1);
      out.push({ type: 'name', value: src.slice(i + 1, end), pos: i + 1, quoted: true });
      i = end + 1;
      continue;
    }
    if ('+-*/(),'.includes(c)) {
      out.push({ type: 'op', value: c, pos: i + 1 });
      i++;
      continue;
    }
    if (c === "'") throw new ExpressionError('text values are not allowed', i + 1);
    throw new ExpressionError(`unexpected character ${JSON.stringify(c)}`, i + 1);
  }
  out.push({ type: 'end', pos: src.length + 1 });
  return out;
}

/** Parses and validates an expression against the known selector names. */
export function parseExpression(src: string, known: readonly string[]): Expr {
  if (src.trim() === '') throw new ExpressionError('the expression is empty', 1);
  const tokens = tokenize(src);
  const names = new Set(known);
  let p = 0;
  const peek = () => tokens[p];
  const isOp = (v: string) => peek().type === 'op' && (peek() as { value: string }).value === v;
  const expectOp = (v: string) => {
    if (!isOp(v)) throw new ExpressionError(`expected "${v}"${describe(peek())}`, peek().pos);
    p++;
  };

  function describe(t: Token): string {
    if (t.type === 'end') return ' but the expression ended';
    return `, found ${t.type === 'num' ? t.value : JSON.stringify(t.value)}`;
  }

  function expr(): Expr {
    let left = term();
    while (isOp('+') || isOp('-')) {
      const op = (tokens[p++] as { value: '+' | '-' }).value;
      left = { kind: 'binary', op, left, right: term() };
    }
    return left;
  }
  function term(): Expr {
    let left = unary();
    while (isOp('*') || isOp('/')) {
      const op = (tokens[p++] as { value: '*' | '/' }).value;
      left = { kind: 'binary', op, left, right: unary() };
    }
    return left;
  }
  function unary(): Expr {
    if (isOp('-')) {
      p++;
      return { kind: 'neg', arg: unary() };
    }
    if (isOp('+')) {
      p++;
      return unary();
    }
    return primary();
  }
  function primary(): Expr {
    const t = peek();
    if (t.type === 'num') {
      p++;
      if (!Number.isFinite(t.value)) throw new ExpressionError('number out of range', t.pos);
      return { kind: 'number', value: t.value };
    }
    if (t.type === 'name') {
      p++;
      if (!t.quoted && isOp('(')) {
        const fn = t.value.toLowerCase();
        if (!(fn in FUNCTIONS)) throw new ExpressionError(`unknown function "${t.value}"; allowed: ${Object.keys(FUNCTIONS).join(', ')}`, t.pos);
        p++;
        const args: Expr[] = [];
        if (!isOp(')')) {
          args.push(expr());
          while (isOp(',')) {
            p++;
            args.push(expr());
          }
        }
        expectOp(')');
        const spec = FUNCTIONS[fn as FunctionName];
        if (args.length < spec.min || args.length > spec.max) {
          throw new ExpressionError(`${fn}() takes ${spec.min === spec.max ? spec.min : `${spec.min} to ${spec.max}`} argument${spec.max === 1 ? '' : 's'}, got ${args.length}`, t.pos);
        }
        return { kind: 'call', fn: fn as FunctionName, args };
      }
      if (!names.has(t.value)) throw new ExpressionError(`unknown selector "${t.value}"${names.size ? `; known: ${[...names].join(', ')}` : ''}`, t.pos);
      return { kind: 'name', name: t.value };
    }
    if (isOp('(')) {
      p++;
      const inner = expr();
      expectOp(')');
      return inner;
    }
    throw new ExpressionError(`expected a number, a selector or "("${describe(t)}`, t.pos);
  }

  const result = expr();
  if (peek().type !== 'end') {
    const t = peek();
    throw new ExpressionError(t.type === 'op' && (t as { value: string }).value === ')' ? 'unbalanced ")"' : `unexpected ${describe(t).replace(/^, found /, '')}`, t.pos);
  }
  return result;
}

/** The selectors an expression reads. */
export function referencedNames(e: Expr): string[] {
  const out = new Set<string>();
  const walk = (x: Expr) => {
    if (x.kind === 'name') out.add(x.name);
    else if (x.kind === 'neg') walk(x.arg);
    else if (x.kind === 'binary') {
      walk(x.left);
      walk(x.right);
    } else if (x.kind === 'call') x.args.forEach(walk);
  };
  walk(e);
  return [...out];
}

/**
 * SQL for a validated expression over the docs table (window functions for
 * rank and zscore). Missing inputs give missing outputs; so do division by 0,
 * logarithms of non-positive numbers and any non-finite result.
 */
export function expressionToSql(e: Expr): string {
  const go = (x: Expr): string => {
    switch (x.kind) {
      case 'number':
        return `(${x.value.toString()})::DOUBLE`;
      case 'name':
        return `${quoteIdent(x.name)}::DOUBLE`;
      case 'neg':
        return `(-${go(x.arg)})`;
      case 'binary': {
        const [l, r] = [go(x.left), go(x.right)];
        if (x.op === '/') return `(CASE WHEN ${r} = 0 THEN NULL ELSE ${l} / ${r} END)`;
        return `(${l} ${x.op} ${r})`;
      }
      case 'call': {
        const a = x.args.map(go);
        const anyNull = a.map((s) => `${s} IS NULL`).join(' OR ');
        switch (x.fn) {
          case 'rank':
            // Average rank of ties, 1-based, scaled to [0, 1] over the documents that have a value.
            return `(CASE WHEN ${a[0]} IS NULL THEN NULL ELSE (rank() OVER (PARTITION BY ${a[0]} IS NULL ORDER BY ${a[0]}) + (count(*) OVER (PARTITION BY ${a[0]}) - 1) / 2.0 - 1) / nullif(count(${a[0]}) OVER () - 1, 0) END)`;
          case 'zscore':
            return `((${a[0]} - avg(${a[0]}) OVER ()) / nullif(stddev_samp(${a[0]}) OVER (), 0))`;
          case 'log':
            return `(CASE WHEN ${a[0]} > 0 THEN ln(${a[0]}) END)`;
          case 'exp':
            return `(CASE WHEN ${a[0]} < 709 THEN exp(${a[0]}) END)`;
          case 'sqrt':
            return `(CASE WHEN ${a[0]} >= 0 THEN sqrt(${a[0]}) END)`;
          case 'abs':
            return `abs(${a[0]})`;
          case 'min':
            return `(CASE WHEN ${anyNull} THEN NULL ELSE least(${a.join(', ')}) END)`;
          case 'max':
            return `(CASE WHEN ${anyNull} THEN NULL ELSE greatest(${a.join(', ')}) END)`;
          case 'coalesce':
            return `coalesce(${a.join(', ')})`;
        }
      }
    }
  };
  const sql = go(e);
  return `(CASE WHEN isfinite(${sql}) THEN ${sql} END)`;
}

/**
 * The definitions a selector needs, itself included when it is derived: the
 * closure over the names its expression reads, in the order they were defined
 * (each definition only reads columns and earlier definitions). An export of a
 * plain column needs none, whatever else the page has defined.
 */
export function definitionsFor(selector: string, defined: ReadonlyArray<{ name: string; expression: string }>): Array<{ name: string; expression: string }> {
  const byName = new Map(defined.map((d) => [d.name, d]));
  const needed = new Set<string>();
  const visit = (name: string) => {
    const d = byName.get(name);
    if (!d || needed.has(name)) return;
    needed.add(name);
    for (const n of referencedNames(parseExpression(d.expression, [...byName.keys(), ...identifiersIn(d.expression)]))) visit(n);
  };
  visit(selector);
  return defined.filter((d) => needed.has(d.name));
}

/** Every identifier-like token of an expression (so parsing for its references needs no list of columns). */
function identifiersIn(expression: string): string[] {
  return expression.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [];
}
