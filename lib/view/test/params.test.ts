import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, parseView, ratioFromPercent, serializeView, type ViewState } from '../params';

describe('view state in the URL', () => {
  it('round-trips every field', () => {
    const view: ViewState = {
      selector: 'char_perplexity',
      selectorB: 'compression_ratio',
      rawScores: true,
      ratio: 0.275,
      direction: 'lower',
      perSource: { web: 0.5, 'a;b:c': 0.1, '': 0.25 },
      missing: 'drop',
      bins: 80,
      logY: true,
      sources: ['web', 'news & more'],
      tag: 'ocr_noise',
      scoreMin: -1.5,
      scoreMax: 20,
      droppedOnly: true,
      query: 'foo.*bar',
      regex: true,
      doc: 'demo-000123',
    };
    expect(parseView(new URLSearchParams(serializeView(view)))).toEqual(view);
  });

  it('leaves defaults out and parses an empty query to the defaults', () => {
    expect(serializeView(DEFAULT_VIEW)).toBe('');
    expect(parseView(new URLSearchParams(''))).toEqual(DEFAULT_VIEW);
  });

  it('clamps ratios to 0–95 % and ignores junk', () => {
    expect(ratioFromPercent(120)).toBe(0.95);
    expect(ratioFromPercent(-3)).toBe(0);
    expect(ratioFromPercent(12.34567)).toBe(0.123457);
    expect(parseView(new URLSearchParams('r=abc&bins=9999&dir=sideways')).ratio).toBe(0);
    expect(parseView(new URLSearchParams('bins=9999')).bins).toBe(500);
    expect(parseView(new URLSearchParams('dir=sideways')).direction).toBeNull();
  });
});
