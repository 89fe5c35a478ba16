import { describe, expect, it } from 'vitest';
import { buildLexicon, ocrLexicon } from '../lexicon';

describe('English lexicon for the OCR tagger', () => {
  const lexicon = buildLexicon([
    { word: 'house', count: 900 },
    { word: 'The', count: 5000 },
    { word: 'modern', count: 300 },
    { word: 'hose', count: 25 },
    { word: 'bouse', count: 3 }, // a real but rare word: known, never a correction target
    { word: "don't", count: 800 }, // not letters only: left out
    { word: 'the', count: 1000 },
  ]);

  it('keeps lower-case letter-only words, most frequent first, and counts the common ones', () => {
    expect(lexicon.words.split('\n')).toEqual(['the', 'house', 'modern', 'hose', 'bouse']);
    expect(lexicon.common).toBe(4);
  });

  it('names the common word one misreading away, and nothing for known words', () => {
    const ocr = ocrLexicon(lexicon);
    expect(ocr.misreadingOf('tbe')).toBe('the'); // b for h
    expect(ocr.misreadingOf('liouse')).toBe('house'); // li for h
    expect(ocr.misreadingOf('modem')).toBe('modern'); // m for rn
    expect(ocr.misreadingOf('bouse')).toBeUndefined(); // known
    expect(ocr.misreadingOf('perl')).toBeUndefined(); // unknown, but no misreading of a common word
    expect(ocr.isKnown('hose')).toBe(true);
    expect(ocr.isKnown('The')).toBe(false); // the lexicon is lower-case
  });

  it('knows regular forms of known words, and names substitutions and run-together words', () => {
    const ocr = ocrLexicon(
      buildLexicon(
        ['the', 'of', 'in', 'list', 'good', 'printing', 'distribution', 'tokenize', 'stop', 'plug', 'file', 'system', 'next', 'section', 'will', 'be', 'answered'].map(
          (word) => ({ word, count: 100 }),
        ),
      ),
    );
    expect(['distributions', 'tokenized', 'stopped', 'files', 'reprinting'].filter((w) => !ocr.isEnglish(w))).toEqual([]);
    expect(ocr.substitutionOf('priiting')).toBe('printing');
    expect(ocr.substitutionOf('grinting')).toBeUndefined(); // the first letter is never the one changed
    expect(ocr.runTogether('thelist')).toEqual(['the', 'list']);
    expect(ocr.runTogether('inthe')).toEqual(['in', 'the']);
    expect(ocr.runTogether('agood')).toEqual(['a', 'good']);
    expect(ocr.runTogether('willbeanswered')).toEqual(['will', 'be', 'answered']);
    expect(ocr.runTogether('thenextsection')).toEqual(['the', 'next', 'section']);
    expect(ocr.runTogether('filesystem')).toBeUndefined(); // a compound: no function word
    expect(ocr.runTogether('plugin')).toBeUndefined(); // a word ending, not a lost space
    expect(ocr.runTogether('lists')).toBeUndefined(); // English
  });

  it('reads f as the long s of older print, never at the end of a word', () => {
    const ocr = ocrLexicon(buildLexicon(['should', 'himself', 'session', 'business', 'sprints', 'staff', 'funny'].map((word) => ({ word, count: 100 }))));
    expect(ocr.longSOf('fhould')).toBe('should');
    expect(ocr.longSOf('himfelf')).toBe('himself'); // the first f only: an f stays an f
    expect(ocr.longSOf('feffion')).toBe('session');
    expect(ocr.longSOf('bufinefs')).toBe('business');
    expect(ocr.longSOf('sprintf')).toBeUndefined(); // the long s never ended a word
    expect(ocr.longSOf('staff')).toBeUndefined(); // English
    expect(ocr.longSOf('funniness')).toBeUndefined(); // English: funny + ness
  });
});
