/** The directions of the score columns Sift's own scorers write, declared here (as models declare theirs in their config). */
import { guessDirection } from '../selection/direction';
import type { Direction } from '../selection/order';
import { TAGGERS } from './names';

/** Sift's tagger signals measure a problem: more is worse. */
export const TAGGER_DIRECTIONS: Readonly<Record<string, Direction>> = Object.fromEntries(TAGGERS.flatMap((t) => [[t, 'lower'], [`sift_${t}`, 'lower']]));

/** A column's direction: as configured (a model's config, a flag), as its scorer declares, or guessed from its name. */
export function columnDirection(name: string, configured: Record<string, Direction | undefined> = {}): Direction {
  return configured[name] ?? TAGGER_DIRECTIONS[name] ?? guessDirection(name);
}
