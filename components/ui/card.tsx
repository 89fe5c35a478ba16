/** The panel every page is built of: one look for cards, in one place. */
export const CARD = 'rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900';

/** The card classes plus a card's own (padding, layout). */
export const card = (extra = '') => (extra ? `${CARD} ${extra}` : CARD);
