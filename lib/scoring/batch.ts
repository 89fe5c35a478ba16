/**
 * Scores a batch of texts into typed arrays (the shape a worker sends back and
 * DuckDB takes): heuristic, one column per tagger signal, one 0/1 column per
 * rule set (1 = kept), and a tag bit mask per document.
 */
import { TAGGERS, type RuleSet } from './names';
import { scoreText } from './score';
import { utf8Length } from '../util/utf8';

export interface ScoredBatch {
  columns: Record<string, Float64Array>;
  tagBits: Int32Array;
  bytes: number;
}

/** Selector columns the browser adds, in order. */
export function selectorColumns(rules: readonly RuleSet[]): string[] {
  return ['heuristic', ...TAGGERS, ...rules];
}

export function scoreBatch(texts: Array<string | null>, rules: readonly RuleSet[]): ScoredBatch {
  const n = texts.length;
  const columns: Record<string, Float64Array> = {};
  for (const c of selectorColumns(rules)) columns[c] = new Float64Array(n);
  const tagBits = new Int32Array(n);
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const text = texts[i] ?? '';
    bytes += utf8Length(text);
    const s = scoreText(text, { rules });
    columns.heuristic[i] = s.heuristic;
    TAGGERS.forEach((t, k) => {
      columns[t][i] = s.signals[t];
      if (s.tags.includes(t)) tagBits[i] |= 1 << k;
    });
    for (const r of rules) columns[r][i] = s.rules[r] === null ? 1 : 0;
  }
  return { columns, tagBits, bytes };
}
