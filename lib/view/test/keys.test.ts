import { describe, expect, it } from 'vitest';
import { KEY_HELP, KEYMAP, keyAction, LABEL_OF, type KeyAction } from '../keys';

describe('the keyboard scheme', () => {
  it('gives every key one meaning, and no labelling key moves (nor any moving key labels)', () => {
    const all = Object.values(KEYMAP).flat();
    expect(new Set(all).size).toBe(all.length);
    const moving = [...KEYMAP.next, ...KEYMAP.previous];
    const labelling = (Object.keys(LABEL_OF) as KeyAction[]).flatMap((a) => KEYMAP[a]);
    for (const k of labelling) expect(moving).not.toContain(k);
    // The habits from either view: j/k move everywhere, and k is not "keep".
    expect(keyAction('j')).toBe('next');
    expect(keyAction('k')).toBe('previous');
    expect(LABEL_OF[keyAction('k')!]).toBeUndefined();
    expect(LABEL_OF[keyAction('y')!]).toBe('keep');
    expect(LABEL_OF[keyAction('d')!]).toBe('drop');
    expect(keyAction('q')).toBeNull();
  });

  it('the help lists the keys that act', () => {
    const help = KEY_HELP.map(([k]) => k).join(' ');
    for (const k of ['y', 'd', 'u', 'j', 'k', 'z', 'n', '?']) expect(help).toContain(k);
  });
});
