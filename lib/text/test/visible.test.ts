import { describe, expect, it } from 'vitest';
import { MAX_COMBINING_RUN, highlightSegments, previewText, visibleSegments } from '../visible';

const shown = (t: string) => visibleSegments(t).map((s) => s.display).join('');

describe('visible text', () => {
  it('shows control characters as control pictures and keeps plain text whole', () => {
    const segs = visibleSegments('ab\u0000c\u001bd\u007f');
    expect(segs.map((s) => s.display)).toEqual(['ab', '␀', 'c', '␛', 'd', '␡']);
    expect(segs[1]).toMatchObject({ kind: 'control', start: 2, end: 3 });
  });

  it('names invisible and bidi-control characters so they cannot reorder the page', () => {
    expect(shown('a\u202Eevil\u202Cb\u200Bc\uFEFF')).toBe('a⟨RLO⟩evil⟨PDF⟩b⟨ZWSP⟩c⟨BOM⟩');
    expect(shown('x\u0085y')).toBe('x⟨0085⟩y');
  });

  it('keeps offsets right across astral-plane characters', () => {
    const segs = visibleSegments('😀\u0000😀');
    expect(segs).toEqual([
      { kind: 'text', display: '😀', start: 0, end: 2 },
      { kind: 'control', display: '␀', start: 2, end: 3 },
      { kind: 'text', display: '😀', start: 3, end: 5 },
    ]);
  });

  it('caps long runs of combining marks and keeps short ones', () => {
    expect(shown('e\u0301')).toBe('e\u0301');
    const zalgo = 'a' + '\u0300'.repeat(50) + 'b';
    const out = visibleSegments(zalgo);
    expect(out.map((s) => s.display).join('')).toBe('a' + '\u0300'.repeat(MAX_COMBINING_RUN) + `⟨+${50 - MAX_COMBINING_RUN} marks⟩` + 'b');
    expect(out[out.length - 1]).toMatchObject({ display: 'b', start: 51, end: 52 });
  });

  it('makes one-line previews with newlines, tabs and space runs visible', () => {
    expect(previewText('a\nb\tc     d')).toBe('a⏎b⇥c ·5· d');
    expect(previewText('x'.repeat(10), 4)).toBe('xxxx…');
  });

  it('splits segments at highlight spans and marks them with their tags', () => {
    const segs = highlightSegments(visibleSegments('hello\u0000world'), [
      { start: 1, end: 3, tag: 'a' },
      { start: 5, end: 8, tag: 'b' },
    ]);
    expect(segs.map((s) => [s.display, s.tags ?? []])).toEqual([
      ['h', []],
      ['el', ['a']],
      ['lo', []],
      ['␀', ['b']],
      ['wo', ['b']],
      ['rld', []],
    ]);
  });

  it('is linear on pathological input', () => {
    const t0 = performance.now();
    visibleSegments('\u0301'.repeat(1_000_000));
    visibleSegments('\n'.repeat(1_000_000));
    visibleSegments('a'.repeat(5_000_000));
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});
