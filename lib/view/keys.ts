/**
 * One keyboard scheme for every view: moving between documents is j/k and
 * the arrow keys everywhere; labelling keys are letters that no view uses
 * for moving, so a Browse habit never labels a document by mistake.
 */
export type KeyAction = 'next' | 'previous' | 'keep' | 'drop' | 'unsure' | 'undo' | 'note' | 'help' | 'close';

export const KEYMAP: Record<KeyAction, readonly string[]> = {
  next: ['j', 'ArrowDown', 'ArrowRight'],
  previous: ['k', 'ArrowUp', 'ArrowLeft'],
  keep: ['y'],
  drop: ['d'],
  unsure: ['u'],
  undo: ['z'],
  note: ['n'],
  help: ['?'],
  close: ['Escape'],
};

const BY_KEY = new Map<string, KeyAction>(Object.entries(KEYMAP).flatMap(([action, keys]) => keys.map((k) => [k, action as KeyAction] as const)));

/** The action of a key press, or null; number keys (tags) are handled by the view that has tags. */
export function keyAction(key: string): KeyAction | null {
  return BY_KEY.get(key) ?? null;
}

/** The label a labelling key sets. */
export const LABEL_OF: Partial<Record<KeyAction, 'keep' | 'drop' | 'unsure'>> = { keep: 'keep', drop: 'drop', unsure: 'unsure' };

const shown = (keys: readonly string[]) => keys.map((k) => ({ ArrowDown: '↓', ArrowUp: '↑', ArrowRight: '→', ArrowLeft: '←', Escape: 'Esc' })[k] ?? k).join(' ');

/** The help table: [keys, what they do]. */
export const KEY_HELP: Array<[string, string]> = [
  [shown(KEYMAP.keep), 'keep, then the next document'],
  [shown(KEYMAP.drop), 'drop, then the next document'],
  [shown(KEYMAP.unsure), 'unsure, then the next document'],
  ['1 – 9', 'toggle the tag at that position'],
  [shown(KEYMAP.note), 'write a note (Enter saves, Esc cancels)'],
  [shown(KEYMAP.next), 'next document'],
  [shown(KEYMAP.previous), 'previous document'],
  [shown(KEYMAP.undo), 'undo the last change (a bulk label is one change)'],
  [shown(KEYMAP.help), 'show or hide these keys'],
];
