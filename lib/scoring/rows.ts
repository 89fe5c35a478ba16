/**
 * The scorer's output row, one per document, the same in `sift score` files
 * and in the browser's DuckDB columns: doc_id; per rule set a boolean
 * (true = kept) and <rule>_reason (null when kept); tags; heuristic; one
 * column per tagger signal; language.
 */
import { RULE_SETS, TAGGERS, type RuleSet } from './names';
import { scoreText } from './score';

export type ScoreRow = Record<string, string | number | boolean | string[] | null>;

export function parseRules(list: string | undefined): RuleSet[] {
  if (list === undefined || list === 'all') return [...RULE_SETS];
  if (list === '' || list === 'none') return [];
  const names = list.split(',').map((x) => x.trim()).filter(Boolean);
  for (const n of names) {
    if (!(RULE_SETS as readonly string[]).includes(n)) throw new Error(`--rules: unknown rule set "${n}" (expected some of ${RULE_SETS.join(', ')})`);
  }
  return RULE_SETS.filter((r) => names.includes(r));
}

/** Column names and DuckDB types of a score row, in order. */
export function scoreColumns(rules: readonly RuleSet[]): Array<[string, string]> {
  return [
    ['doc_id', 'VARCHAR'],
    ...rules.flatMap((r): Array<[string, string]> => [[r, 'BOOLEAN'], [`${r}_reason`, 'VARCHAR']]),
    ['tags', 'VARCHAR[]'],
    ['heuristic', 'DOUBLE'],
    ...TAGGERS.map((t): [string, string] => [t, 'DOUBLE']), // one signal per tagger: higher = more of that problem
    ['language', 'VARCHAR'],
  ];
}

export function scoreRow(docId: string, text: string | null, rules: readonly RuleSet[]): ScoreRow {
  const s = scoreText(text ?? '', { rules });
  const row: ScoreRow = { doc_id: docId };
  for (const r of rules) {
    row[r] = s.rules[r] === null;
    row[`${r}_reason`] = s.rules[r] ?? null;
  }
  row.tags = s.tags;
  row.heuristic = s.heuristic;
  for (const t of TAGGERS) row[t] = s.signals[t];
  row.language = s.language;
  return row;
}

