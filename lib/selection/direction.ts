import { TAGGERS } from '../scoring/names';
import type { Direction } from './order';

/** Sift's own tagger signals measure a problem: more is worse. */
const PROBLEM_SIGNALS = new Set<string>(TAGGERS.flatMap((t) => [t, `sift_${t}`]));

/** Names that usually mean "lower is better": perplexities, losses, bits per byte, entropies, error rates. */
const LOWER_IS_BETTER = /(perplexity|ppl|loss|bpb|bits_per|entropy|nll|error|toxicity|_rate$|^rate_)/i;

/** A gain or improvement (e.g. model_bpb_gain, a loss difference) is better when larger, whatever it measures. */
const GAIN = /(gain|improvement)$/i;

/** The direction a score column probably has, from its name; the user can change it. */
export function guessDirection(name: string): Direction {
  if (GAIN.test(name)) return 'higher';
  return PROBLEM_SIGNALS.has(name) || LOWER_IS_BETTER.test(name) ? 'lower' : 'higher';
}
