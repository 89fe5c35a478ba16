import { describe, expect, it } from 'vitest';
import { c4Quality, docView, duplicateNgramChars, finewebQuality, gopherQuality, gopherRepetition, repeatedStarts, runRuleSets, topNgramChars } from '../rules/datatrove';
import { intern } from '../tokenizer/vocab';

const view = (text: string) => docView(text);
const words = (n: number) => Array.from({ length: n }, (_, i) => ['the', 'cat', 'and', 'dog', 'ran', 'with', 'some', 'joy'][i % 8]).join(' ');

describe('gopher_quality (DataTrove GopherQualityFilter defaults)', () => {
  it('needs 50 words that are not pure punctuation', () => {
    expect(gopherQuality(view(words(49) + ' . , ;'))).toBe('gopher_short_doc');
    expect(gopherQuality(view(words(50)))).toBeNull();
  });
  it('pure terminal punctuation of any script is a symbol, not a word (PUNCTUATION_SET, DataTrove 0.10)', () => {
    expect(gopherQuality(view(words(49) + ' 。 ۔ ।'))).toBe('gopher_short_doc');
  });
  it('needs two distinct stop words: "the" repeated is one (DataTrove 0.10 intersects sets)', () => {
    const body = Array.from({ length: 60 }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}x`).join(' ');
    expect(gopherQuality(view(`${body} the the the the`))).toBe('gopher_enough_stop_words');
    expect(gopherQuality(view(`${body} the and`))).toBeNull();
  });
  it('mean word length must lie in [3, 10]', () => {
    expect(gopherQuality(view(Array(60).fill('ab').join(' ') + ' the and'))).toBe('gopher_below_avg_threshold');
    expect(gopherQuality(view(Array(60).fill('abcdefghijk').join(' ') + ' the and'))).toBe('gopher_above_avg_threshold');
  });
  it('counts "#" per token, and "#" tokens count as words (ratio > 0.1 fails)', () => {
    // 50 words + k "#" tokens: 5/55 = 0.091 passes, 6/56 = 0.107 fails.
    expect(gopherQuality(view(words(50) + ' #'.repeat(5)))).toBeNull();
    expect(gopherQuality(view(words(50) + ' #'.repeat(6)))).toBe('gopher_too_many_hashes');
  });
  it('counts punctuation split off words as words in the alpha ratio (a whitespace split would pass this)', () => {
    // "hello!!" is three spaCy tokens, one with a letter: 60 / 180 < 0.8.
    expect(gopherQuality(view(Array(60).fill('hello!!').join(' ') + ' the and'))).toBe('gopher_below_alpha_threshold');
    expect(gopherQuality(view(Array(60).fill('hello').join(' ') + ' the and'))).toBeNull();
  });
  it('bullets: more than 90 % of lines starting with • or - fail', () => {
    const lines = Array.from({ length: 10 }, () => '- ' + words(6));
    expect(gopherQuality(view(lines.join('\n')))).toBe('gopher_too_many_bullets');
    lines[0] = words(6);
    expect(gopherQuality(view(lines.join('\n')))).toBeNull(); // exactly 90 % passes
  });
  it('ellipsis lines: more than 30 % ending with ... fail', () => {
    const lines = Array.from({ length: 10 }, (_, i) => words(6) + (i < 4 ? '...' : '.'));
    expect(gopherQuality(view(lines.join('\n')))).toBe('gopher_too_many_end_ellipsis');
    const ok = Array.from({ length: 10 }, (_, i) => words(6) + (i < 3 ? '...' : '.'));
    expect(gopherQuality(view(ok.join('\n')))).toBeNull();
  });
});

describe('gopher_repetition (GopherRepetitionFilter)', () => {
  it('duplicate line fraction above 0.3 fails; at or below passes', () => {
    const vocab = 'amber bishop canyon dolphin ember falcon glacier harbor island jasmine kettle lantern meadow nectar orchid pepper quarry raven saddle timber umbrella velvet walnut yonder zephyr anchor'.split(' ');
    const uniq = Array.from({ length: 14 }, (_, i) => `${vocab[i]} ${vocab[(i + 5) % 26]} ${vocab[(i + 11) % 26]}`);
    // 5 duplicates of 20 lines = 0.25 passes; 7 of 21 = 0.33 fails
    expect(gopherRepetition(view([...uniq, ...Array(6).fill('ok')].join('\n')))).toBeNull();
    expect(gopherRepetition(view([...uniq.slice(0, 13), ...Array(8).fill('ok')].join('\n')))).toBe('dup_line_frac');
  });
  it('a repeated paragraph fails on paragraphs first', () => {
    const p = 'A paragraph of some length that repeats.';
    expect(gopherRepetition(view([p, p, p, 'other'].join('\n\n')))).toBe('dup_para_frac');
  });
  it('finds a dominant 2-gram', () => {
    const text = Array(40).fill('hello world').join(' ') + ' ' + words(20);
    expect(gopherRepetition(view(text))).toBe('top_2_gram');
  });
  it('an empty document fails (the reference divides by its length)', () => {
    expect(gopherRepetition(view(''))).toBe('empty');
  });
  it('top and duplicated n-gram characters come out the same when only n-grams whose prefix repeats are counted', () => {
    // Few distinct words of different lengths, so n-grams repeat, overlap and nest.
    const vocab = ['a', 'bb', 'ccc', 'dd', 'e', 'ffff', 'g'].map(intern);
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    let repeatedSomewhere = 0;
    for (let t = 0; t < 3000; t++) {
      const kinds = 1 + Math.floor(next() * 6);
      const ids = Int32Array.from({ length: Math.floor(next() * 60) }, () => vocab[Math.floor(next() * kinds)]);
      let repeatedAt: Uint8Array | undefined;
      for (let n = 2; n <= 4; n++) {
        const plain = topNgramChars(ids, n).chars;
        const top = topNgramChars(ids, n, repeatedAt);
        expect(top.chars).toBe(plain);
        repeatedAt = top.repeated;
      }
      for (let n = 5; n <= 10; n++) {
        const plain = duplicateNgramChars(ids, n);
        repeatedAt = repeatedStarts(ids, n, repeatedAt);
        expect(duplicateNgramChars(ids, n, repeatedAt)).toBe(plain);
        if (plain > 0) repeatedSomewhere++;
      }
    }
    expect(repeatedSomewhere).toBeGreaterThan(1000);
  });
});

describe('c4_quality (C4QualityFilter document decision)', () => {
  const sentence = (i: number) => `This is sentence number ${i} of the text.`;
  it('needs five sentences on kept lines', () => {
    expect(c4Quality(view([1, 2, 3, 4].map(sentence).join('\n')))).toBe('too_few_sentences');
    expect(c4Quality(view([1, 2, 3, 4, 5].map(sentence).join('\n')))).toBeNull();
    expect(c4Quality(view([1, 2, 3, 4, 5].map(sentence).join(' ')))).toBeNull(); // five on one line
  });
  it('drops lines without end punctuation, with fewer than 3 words, or mentioning javascript', () => {
    const base = [1, 2, 3, 4].map(sentence);
    expect(c4Quality(view([...base, 'No end punctuation here'].join('\n')))).toBe('too_few_sentences');
    expect(c4Quality(view([...base, 'Two words.'].join('\n')))).toBe('too_few_sentences');
    expect(c4Quality(view([...base, 'Enable JavaScript to continue.'].join('\n')))).toBe('too_few_sentences');
    expect(c4Quality(view([...base, 'Ends with an ellipsis...'].join('\n')))).toBe('too_few_sentences');
    expect(c4Quality(view([...base, 'A citation ends this line.[12]'].join('\n')))).toBeNull();
    expect(c4Quality(view(['See [3] below', ...base, 'Blanks follow the stop here. \t '].join('\r\n')))).toBeNull();
    expect(c4Quality(view(['See [3] below', ...base, 'A citation [4] inside, no stop'].join('\n')))).toBe('too_few_sentences');
  });
  it('rejects the whole page for lorem ipsum or a curly bracket on a kept line', () => {
    const base = [1, 2, 3, 4, 5].map(sentence);
    expect(c4Quality(view([...base, 'Lorem ipsum dolor sit amet.'].join('\n')))).toBe('lorem_ipsum');
    expect(c4Quality(view([...base, 'The set {a, b} is small.'].join('\n')))).toBe('curly_bracket');
    expect(c4Quality(view([...base, 'the set {a, b}'].join('\n')))).toBeNull(); // line dropped before the check
  });
});

describe('fineweb_quality (FineWebQualityFilter, DataTrove 0.10)', () => {
  const long = (i: number) => `This is a reasonably long line of prose, number ${i}.`;
  it('line punctuation ratio below 0.12 fails; exactly 0.12 passes', () => {
    const lines = Array.from({ length: 25 }, (_, i) => `A reasonably long line without a stop ${i}`);
    lines[0] = long(0);
    lines[1] = long(1); // 2/25 = 0.08 -> fails
    expect(finewebQuality(view(lines.join('\n')))).toBe('line_punct_ratio');
    lines[2] = long(2); // 3/25 = 0.12 -> passes this check (the comparison is strict)
    expect(finewebQuality(view(lines.join('\n')))).toBeNull();
  });
  it('counts lines ending in any script’s terminal punctuation, and ignores blank lines', () => {
    const cjk = Array.from({ length: 8 }, (_, i) => `这是一个相当长的中文句子，用来测试标点符号的比例，第${i}句。`);
    expect(finewebQuality(view(cjk.join('\n')), { shortLineLength: 5 })).not.toBe('line_punct_ratio');
    const devanagari = Array.from({ length: 8 }, (_, i) => `यह एक लंबा वाक्य है जो विराम चिह्न की जांच करता है ${i}।`);
    expect(finewebQuality(view(devanagari.join('\n')))).not.toBe('line_punct_ratio');
    // Blank lines are removed before any ratio: 1 punctuated line of 2 non-blank ones is 0.5.
    expect(finewebQuality(view(`${long(1)}\n\n  \n\t\n\nA long line that does not end in a stop`), { linePunctThr: 0.5 })).not.toBe('line_punct_ratio');
  });
  it('short lines (<= 30 code points) above 67 % fail', () => {
    // 4 of 6 = 0.667 passes (the limit is 0.67), 5 of 7 = 0.714 fails
    expect(finewebQuality(view([long(1), long(2), 'short one.', 'short two.', 'short three.', 'short four.'].join('\n')))).toBeNull();
    const lines = [long(1), long(2), 'short one.', 'short two.', 'short three.', 'short four.', 'short five.'];
    expect(finewebQuality(view(lines.join('\n')))).toBe('short_line_ratio');
  });
  it('duplicated line characters above 1 % fail', () => {
    const lines = Array.from({ length: 20 }, (_, i) => long(i));
    lines.push(long(3));
    expect(finewebQuality(view(lines.join('\n')))).toBe('char_dup_ratio');
  });
  it('more than 0.3 newlines per word fails (lists)', () => {
    // Each line: two long words and a period = 3 tokens; 19 newlines / 60 words = 0.317
    const text = Array.from({ length: 20 }, (_, i) => `Supercalifragilisticexpialidocious antidisestablishmentarianism${i}.`).join('\n');
    expect(finewebQuality(view(text))).toBe('list_ratio');
  });

  // DataTrove's own tests (tests/pipeline/filters/test_filters.py, TestFineWebQualityFilter, at a649de7).
  describe('DataTrove conformance', () => {
    it('test_rejects_empty_doc', () => {
      expect(finewebQuality(view(''))).toBe('empty');
      expect(finewebQuality(view('\n \n\t\n'))).toBe('empty');
    });
    it('test_rejects_low_punctuation_ratio', () => {
      expect(finewebQuality(view('No punctuation here\nAnother line without any\nStill nothing'), { linePunctThr: 0.5 })).toBe('line_punct_ratio');
    });
    it('test_rejects_mostly_short_lines', () => {
      expect(finewebQuality(view('hi.\nbye.\nok.\nno.\nyes.'), { shortLineThr: 0.5, shortLineLength: 30, linePunctThr: 0 })).toBe('short_line_ratio');
    });
    it('test_keeps_quality_text', () => {
      const text = [
        'This is a well-written paragraph that ends with proper punctuation.',
        'The content here is substantial and has meaningful information.',
        'Quality filtering ensures that only the best documents pass through.',
        'Each line here is long enough and ends with a terminal punctuation mark.',
        'This document should pass all the quality checks applied by the filter.',
      ].join('\n');
      expect(finewebQuality(view(text))).toBeNull();
    });
    it('test_rejects_list_heavy_doc', () => {
      expect(finewebQuality(view(Array(50).fill('a').join('\n')), { newLineRatio: 0.1 })).not.toBeNull();
    });
  });
});

describe('all rule sets', () => {
  it('returns null (kept) for each set on clean prose and a reason for each failing set', () => {
    const prose = [
      'The committee met on a cold morning in March and agreed that the river needed a new levee.',
      'Engineers from the county office had surveyed the valley twice since the spring floods.',
      'Their report described weak walls near the mill, where the water had broken through in April.',
      'Farmers along the eastern bank asked whether the work could begin before the harvest.',
      'The chairman said that the budget would allow only one season of construction this year.',
      'A second meeting was planned for the summer, with residents invited to speak about their losses.',
      'Several families had already moved to higher ground, and the school had closed for a month.',
      'Nobody at the table doubted that the town would have to act quickly to avoid another disaster.',
    ].join('\n');
    expect(runRuleSets(view(prose))).toEqual({ gopher_quality: null, gopher_repetition: null, c4_quality: null, fineweb_quality: null });
    const junk = runRuleSets(view('buy now\nbuy now\nbuy now'));
    expect(Object.values(junk).every((r) => typeof r === 'string')).toBe(true);
  });
});
