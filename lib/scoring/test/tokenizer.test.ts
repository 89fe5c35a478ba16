import { describe, expect, it } from 'vitest';
import { hasLetter, pyLen, pySplitlines, pyStrip } from '../pystr';
import { pythonRegexToJs, spacySentenceCount, spacyTokens } from '../tokenizer/spacy-en';

// Expected outputs were produced by spaCy 3.8.16, spacy.blank("en") (the tokenizer DataTrove uses for English).
describe('spaCy English tokenizer port', () => {
  it('splits contractions, punctuation and units as spaCy does, keeps URLs and abbreviations whole', () => {
    const text = "Don't stop-me now, e.g. U.S.A. isn't (the) best... http://x.com/a?b=1 I'm 3.5km 10,000 'quoted' dont";
    expect(spacyTokens(text)).toEqual([
      'Do', "n't", 'stop', '-', 'me', 'now', ',', 'e.g.', 'U.S.A.', 'is', "n't", '(', 'the', ')', 'best', '...',
      'http://x.com/a?b=1', 'I', "'m", '3.5', 'km', '10,000', "'", 'quoted', "'", 'do', 'nt',
    ]);
  });

  it('re-joins special cases that the affix rules split (emoticons after a bracket)', () => {
    expect(spacyTokens('(see Linux):')).toEqual(['(', 'see', 'Linux', '):']);
    expect(spacyTokens('*Books:*')).toEqual(['*', 'Books', ':*']);
  });

  it('drops whitespace tokens, but keeps them for the sentencizer', () => {
    expect(spacyTokens('a  b\n\nc')).toEqual(['a', 'b', 'c']);
    expect(spacyTokens('a  b\n\nc', true)).toEqual(['a', ' ', 'b', '\n\n', 'c']);
  });

  it('counts sentences as spaCy\'s sentencizer: a boundary after . ! ? before a non-punctuation token', () => {
    expect(spacySentenceCount('One. Two! Three? Four')).toBe(4);
    expect(spacySentenceCount('Wait... what')).toBe(1); // "..." is one token, not a sentence mark
    expect(spacySentenceCount('He said "no." Then left.')).toBe(2);
    expect(spacySentenceCount('')).toBe(0);
  });

  it('translates Python regex syntax: \\U escapes, Unicode \\w and \\d, identity escapes', () => {
    expect(pythonRegexToJs('\\U0001F600[\\w\\-]\\!\\d')).toBe('\\u{0001F600}[\\p{L}\\p{N}_\\-]!\\p{Nd}');
    expect(new RegExp(pythonRegexToJs('^[\\w]+$'), 'u').test('naïve')).toBe(true);
  });

  it('stays linear on a 10 MB token without spaces and on a megabyte of brackets', () => {
    const big = 'ab.cd-'.repeat(10_000_000 / 6);
    const t0 = performance.now();
    const toks = spacyTokens(big);
    expect(toks.length).toBeGreaterThan(1);
    expect(spacyTokens('('.repeat(1_000_000)).length).toBe(1_000_000);
    expect(performance.now() - t0).toBeLessThan(60_000);
  });
});

describe('Python str semantics', () => {
  it('splitlines breaks on \\r\\n once, on \\x1c-\\x1e, \\x85, U+2028, and adds no empty last line', () => {
    expect(pySplitlines('a\r\nb\x1cc\u2028d\n')).toEqual(['a', 'b', 'c', 'd']);
    expect(pySplitlines('')).toEqual([]);
  });
  it('len counts code points; strip uses Python whitespace (\\x1f yes, U+FEFF no)', () => {
    expect(pyLen('a😀e\u0301')).toBe(4);
    expect(pyStrip('\x1f x \u00a0')).toBe('x');
    expect(pyStrip('\ufeffx')).toBe('\ufeffx');
  });
  it('isalpha covers letters of any script, not digits or marks alone', () => {
    expect(hasLetter('日本')).toBe(true);
    expect(hasLetter('123')).toBe(false);
    expect(hasLetter('\u0301')).toBe(false);
  });
});
