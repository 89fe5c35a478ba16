/**
 * One entry point for the heuristic scorer, shared by the browser workers
 * and `sift score`: tokenize once, run the rule sets and the taggers on the
 * shared view, combine the signals into the `heuristic` selector.
 */
import { guessLanguage } from './language';
import { docView, RULE_SETS, runRuleSets, type RuleResults, type RuleSet } from './rules/datatrove';
import * as T from './taggers';
import { TAGGERS, THRESHOLDS, type Span, type Tagger } from './taggers';

export { SCORER_VERSION } from './names';

export interface DocScore {
  rules: Partial<RuleResults>;
  signals: Record<Tagger, number>;
  tags: Tagger[];
  heuristic: number;
  /** ISO 639-1 code from language identification ('en' also when skipped as plainly English; '' when undecided). */
  language: string;
}

export interface ScoreOptions {
  rules?: readonly RuleSet[];
  /** Collect highlight spans (the detail view wants them; bulk scoring does not). */
  spans?: boolean;
}

/**
 * heuristic = Π_tagger (1 − b), with b = min(1, signal / (2 × threshold)): a signal
 * at its tag threshold halves the score, twice the threshold zeroes it. The rule
 * sets stay out of it: they are blunt (they fail much clean text) and optional.
 */
export function combineHeuristic(signals: Record<Tagger, number>): number {
  let h = 1;
  for (const t of TAGGERS) h *= 1 - Math.min(1, signals[t] / (2 * THRESHOLDS[t]));
  return h;
}

export function scoreText(text: string, options: ScoreOptions = {}): DocScore & { spans: Span[] } {
  const view = docView(text);
  const words = view.wordIds;
  const rules = runRuleSets(view, options.rules ?? RULE_SETS);
  const lang = guessLanguage(text, view.tokens);
  const results: Record<Tagger, T.TaggerResult> = {
    encoding_error: T.encodingError(text),
    ocr_noise: T.ocrNoise(text, view.tokens, lang),
    whitespace: T.whitespace(text),
    nonprinting: T.nonprinting(text),
    number_table: T.numberTable(text),
    secret: T.secret(text),
    all_caps: T.allCaps(text),
    non_english: T.nonEnglish(lang, text),
    repetition: T.repetition(text, words),
    boilerplate: T.boilerplate(text),
    markup: T.markup(text),
  };
  const signals = {} as Record<Tagger, number>;
  const tags: Tagger[] = [];
  const spans: Span[] = [];
  for (const t of TAGGERS) {
    signals[t] = results[t].signal;
    if (results[t].signal >= THRESHOLDS[t]) {
      tags.push(t);
      if (options.spans) spans.push(...results[t].spans);
    }
  }
  return {
    rules,
    signals,
    tags,
    heuristic: combineHeuristic(signals),
    language: lang?.code ?? '',
    spans: options.spans ? spans.sort((a, b) => a.start - b.start) : [],
  };
}

