/** Names of the scorer's outputs, without the scorer (cheap to import anywhere). */

/** Bump when any rule, tagger, threshold or the combination changes: caches are keyed by it. */
export const SCORER_VERSION = 'heuristic-17';
export const TAGGERS = [
  'encoding_error', 'ocr_noise', 'whitespace', 'nonprinting', 'number_table', 'secret',
  'all_caps', 'non_english', 'repetition', 'boilerplate', 'markup',
] as const;
export type Tagger = (typeof TAGGERS)[number];

export const RULE_SETS = ['gopher_quality', 'gopher_repetition', 'c4_quality', 'fineweb_quality'] as const;
export type RuleSet = (typeof RULE_SETS)[number];
