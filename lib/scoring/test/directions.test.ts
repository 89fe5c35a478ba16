import { describe, expect, it } from 'vitest';
import { columnDirection } from '../directions';
import { TAGGERS } from '../names';

describe('columnDirection', () => {
  it('takes a configured direction first, then the tagger’s own, then the name', () => {
    expect(TAGGERS.length).toBeGreaterThan(3);
    for (const t of TAGGERS) {
      expect(columnDirection(t)).toBe('lower');
      expect(columnDirection(`sift_${t}`)).toBe('lower');
    }
    expect(columnDirection('fineweb_edu')).toBe('higher');
    expect(columnDirection('char_perplexity')).toBe('lower');
    expect(columnDirection(TAGGERS[0], { [TAGGERS[0]]: 'higher' })).toBe('higher');
  });
});
