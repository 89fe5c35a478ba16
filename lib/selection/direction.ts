import type { Direction } from './order';

/** Names that usually mean "lower is better": perplexities, losses, bits per byte, entropies, error rates. */
const LOWER_IS_BETTER = /(perplexity|ppl|loss|bpb|bits_per|entropy|nll|error|toxicity|_rate$|^rate_)/i;

/** A gain or improvement (e.g. model_bpb_gain, a loss difference) is better when larger, whatever it measures. */
const GAIN = /(gain|improvement)$/i;

/**
 * The direction a score column probably has, from its name alone; the user can
 * change it. Columns whose scorer is known declare their own (lib/scoring/directions).
 */
export function guessDirection(name: string): Direction {
  if (GAIN.test(name)) return 'higher';
  return LOWER_IS_BETTER.test(name) ? 'lower' : 'higher';
}
