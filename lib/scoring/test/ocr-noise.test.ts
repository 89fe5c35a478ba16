import { describe, expect, it } from 'vitest';
import { scoreText } from '../score';
import * as T from '../taggers';
import { THRESHOLDS } from '../taggers';
import { tokenize } from '../tokenizer/spacy-en';

const tagged = (text: string) => scoreText(text).tags;
const spanTexts = (text: string, spans: T.Span[]) => spans.map((s) => text.slice(s.start, s.end));
/** The OCR tagger on a text and its own tokens. */
const ocr = (text: string) => T.ocrNoise(text, tokenize(text));
const PROSE =
  'The committee met on a cold morning in March and agreed that the river needed a new levee. Engineers from the county ' +
  'office had surveyed the valley twice since the spring floods, and their report described weak walls near the mill.';


describe('ocr_noise, non_english, boilerplate', () => {
  it('ocr_noise on confused letters and broken words', () => {
    const ocr = 'Tbe wliich aud tlie hiin l1ke tliat, witli sorne rnore tirne; tbe otber wbo iu tbe ro om was liere ¬ and tben.';
    expect(tagged(ocr)).toContain('ocr_noise');
    expect(tagged(PROSE)).not.toContain('ocr_noise');
  });
  it('ocr_noise: a garbled-looking word that recurs is a name (DejaVu, perl); the classic confusions count however often', () => {
    const readme =
      'DejaVu fonts are a font family based on the Vera fonts. Its purpose is to provide a wider range of characters while ' +
      'maintaining the original look and feel. DejaVu fonts are available in many styles, and the DejaVu project welcomes ' +
      'reports about missing characters. Install the DejaVu package to get them, or build DejaVu from the sources.';
    expect(ocr(readme).signal).toBeLessThan(THRESHOLDS.ocr_noise);
    // The same word three times still counts (the cap is for names that recur more often).
    const thrice = readme.replace(/DejaVu/g, (m, at: number) => (at < 200 ? 'DejaVu' : 'the'));
    expect(ocr(thrice).signal).toBeGreaterThan(0);
    // Single letters joined by a hyphen or slash are names (lists/l-k), not fragments split off words.
    const log = Array.from({ length: 40 }, (_, i) => `18:51:${10 + (i % 50)} lists/l-k has ${57 - i} msgs in unseen`).join('\n');
    expect(ocr(`It still seems slower than a month ago.\n${log}`).signal).toBeLessThan(THRESHOLDS.ocr_noise);
    // Letters split off words are highlighted where they stand.
    const split = 'The rive r was hig h that spring an d the mil l stood in wate r up to the doo r for a wee k.';
    const r = ocr(split);
    expect(r.signal).toBeGreaterThanOrEqual(THRESHOLDS.ocr_noise);
    expect(r.spans.map((x) => split.slice(x.start, x.end))).toEqual(expect.arrayContaining(['r', 'h', 'd', 'l']));
    const confused = 'tbe man went to tbe river and tbe boat was on tbe bank of tbe water near tbe old mill in tbe town.';
    expect(ocr(confused).signal).toBeGreaterThanOrEqual(THRESHOLDS.ocr_noise);
  });
  it('ocr_noise on misreadings outside the confusion list, one letter shape away from a common word', () => {
    // 1 in 7 words misread (c/e, b/h, rn/m, u/n, l/t): none is in OCR_CONFUSED, none has a digit or symbol.
    const misread =
      'The committee rnet on a cold morning in March and agreed that the river needed a new levce. Engineers from the county ' +
      'office had surveyed the valley twice since the spring floods, and their report described weak walls near the rnill. ' +
      'The bouse of the rniller stood on low ground, and the mayor said the town would pay for the work out of its own rnoney ' +
      'before the antumn rains. Farmers along the bank asked for a road to carry grain past the flooded fields to the rnarket.';
    const r = ocr(misread);
    expect(r.signal).toBeGreaterThanOrEqual(THRESHOLDS.ocr_noise);
    expect(spanTexts(misread, r.spans)).toEqual(expect.arrayContaining(['rnet', 'levce', 'bouse', 'antumn', 'rnoney']));
    // Unknown words that are not misreadings: names, software, mail jargon.
    const jargon =
      'Greg said the perl script in the gnome build parses the gif and png files, and Guido thinks the inode cache on ' +
      'sparc boxes needs a patch before the release; the cron job mails the logs to the list every night at two.';
    expect(ocr(jargon).signal).toBeLessThan(THRESHOLDS.ocr_noise);
  });
  it('ocr_noise on words split by OCR, not on pairs of words that also make one', () => {
    const split =
      'The gov ernment said the bridge that crosses the river bet ween the two towns would be closed for repairs. ' +
      'Engineers found that the pro perty of the county had been damaged by the spring floods last year.';
    const r = ocr(split);
    expect(r.signal).toBeGreaterThanOrEqual(THRESHOLDS.ocr_noise);
    expect(spanTexts(split, r.spans)).toEqual(expect.arrayContaining(['gov', 'ernment', 'bet', 'ween', 'pro', 'perty']));
    const pairs = 'He walked in to the room, and some one said that any way the road ran a long way over all the hills.';
    expect(ocr(pairs).signal).toBe(0);
  });
  it('ocr_noise on text extracted without its spaces, not on compounds and jargon', () => {
    // PDF text layers lose spaces between words: 8 joins among ~60 words.
    const joined =
      'This question willbeanswered in thenextsection. Noticethatwe consider only hypotheses that areuniform over ' +
      'finite sets. We consider the set as afinite object represented by thelist of all its elements in the ' +
      'lexicographical order, and an alternative approach is tomeasure the complexity of a set as the length of ' +
      'a program enumerating it; inthe case of general distributions wecouldconsider infinite supports.';
    const r = ocr(joined);
    expect(r.signal).toBeGreaterThanOrEqual(THRESHOLDS.ocr_noise);
    expect(spanTexts(joined, r.spans)).toEqual(expect.arrayContaining(['willbeanswered', 'thenextsection', 'thelist', 'inthe']));
    // Compounds, jargon, inflected forms the lexicon lacks, and one unknown word repeated (a URL part, a program).
    const mail =
      'The plugin for the filesystem needs a username and a hostname; the login script calls sendmail and the ' +
      'distributions tokenized their errata. See /asnews/asnews/asnews/asnews/asnews for the asnews archive.';
    expect(ocr(mail).signal).toBeLessThan(THRESHOLDS.ocr_noise);
  });
  it('ocr_noise does not read another language as misread English', () => {
    const de =
      'Jedenfalls sind heute nicht alle meine Freunde gekommen. Ich sorge dafür, dass Sabine morgen die Briefe bringt, ' +
      'und wir werden sehen, ob sie eine Antwort haben. Machen Sie so weiter, bis das Pferd eine Pause braucht.';
    // Without the language, German words look like misread and run-together English (alle, meine, eine).
    expect(ocr(de).signal).toBeGreaterThanOrEqual(THRESHOLDS.ocr_noise);
    expect(tagged(de)).toEqual(['non_english']);
  });
  it('ocr_noise on newspaper columns: words split at line ends, a letter misread, a capital I mid-sentence', () => {
    const column = [
      'Frank Moser dropped dead Monday', 'morning on the grounds of the Seventh', 'ward public school where he was em',
      'ployed by contrrctor Steve Knechtel', 'in some grading work in progress.', 'He was a man of good char',
      'acter and esteemed by all his neigh', 'bors. The Knights of Wis', 'consin attended his funeral which was held yes',
      'terday from the church. A housewife put fruit In the', 'refrigerator and then the Presi', 'dent spoke.',
    ].join('\n');
    const r = ocr(column);
    expect(r.signal).toBeGreaterThanOrEqual(THRESHOLDS.ocr_noise);
    expect(spanTexts(column, r.spans)).toEqual(expect.arrayContaining(['em', 'ployed', 'contrrctor', 'neigh', 'bors', 'Wis', 'consin', 'Presi', 'dent']));
    // The same words joined, and title case: clean.
    const clean = [
      'Frank Moser dropped dead Monday', 'morning on the grounds of the Seventh', 'ward public school where he was',
      'employed by contractor Steve Knechtel', 'in some grading work in progress.', 'He was a man of good',
      'character and esteemed by all his', 'neighbors. The Knights of', 'Wisconsin attended his funeral which was held',
      'yesterday from the church. A housewife put fruit in the', 'refrigerator and then the', 'President spoke.',
    ].join('\n');
    expect(ocr(clean).signal).toBe(0);
    const title = 'Fruit In Glass and Other Stories\nA Guide To Life In The City';
    expect(ocr(title).signal).toBe(0);
  });
  it('ocr_noise on OCR whose line breaks became blanks: words split in two, with or without the hyphen', () => {
    const flat =
      'Washington, March 3. The commis sioners met today and de cided to postpone the hearing until the sec retary of the board ' +
      'returns from the West. It is un- able to act without him, and the mem bers believe a vote will be taken with- out ' +
      'further delay when the session re sumes on Monday next at the court house in this city.';
    const r = ocr(flat);
    expect(r.signal).toBeGreaterThanOrEqual(THRESHOLDS.ocr_noise);
    expect(spanTexts(flat, r.spans)).toEqual(expect.arrayContaining(['commis', 'sioners', 'sec', 'retary', 'un- able', 'with- out']));
    // Contractions spaCy splits (gonna, dont), refrains, Latin and French phrases, suspended hyphens: no splits.
    const clean =
      "I'm gonna tell you, I dont know why. Na na na na, hey hey. The de facto rule, et cetera, stays in conformity " +
      'with pre- and post-war practice, two- or three-day visits, and a re-install of the co-op software.';
    expect(ocr(clean).signal).toBe(0);
  });
  it('ocr_noise on light OCR: words split in two with a letter misread, a misread capitalised word', () => {
    const light =
      'The Srpreme Court met on Monday. The Farmers Alii ance of the county will hold its meeting at the court house, and the ' +
      'members ask that every planter attend. Prices for the crop were higher this week, and the ap pointcd agent told the growers ' +
      'is that the market will hold steady until the end of the season.';
    const r = ocr(light);
    expect(r.signal).toBeGreaterThanOrEqual(THRESHOLDS.ocr_noise);
    expect(spanTexts(light, r.spans)).toEqual(expect.arrayContaining(['Srpreme', 'Alii', 'ance', 'ap', 'pointcd']));
    // A misspelling is one word, not three run together (comp|at|ability).
    const misspelt =
      'The appointment was made in a move to expand the engineering services offered to the designers of electronic ' +
      'systems through assistance in electro-magnetic compatability problems.';
    expect(ocr(misspelt).signal).toBeLessThan(THRESHOLDS.ocr_noise / 2);
    // A rare word after a common one is no split, though "isdivisible" is one letter from indivisible.
    expect(ocr('Then the product is divisible by the polynomial p, because it contains each factor once.').signal).toBeLessThan(THRESHOLDS.ocr_noise / 2);
    // One misspelt word in a note of a few words.
    expect(ocr('See you at the compatability test.').signal).toBeLessThan(THRESHOLDS.ocr_noise);
    // A word's ending set apart splits it, though subtitles make "ing" and "tion" common words.
    const endings = 'Mrs. Cooper of Carr is visit ing her sister, and the whole na tion will hear of the meet ing in the city this week.';
    const e = ocr(endings);
    expect(e.signal).toBeGreaterThanOrEqual(THRESHOLDS.ocr_noise);
    expect(spanTexts(endings, e.spans)).toEqual(expect.arrayContaining(['visit', 'ing', 'na', 'tion', 'meet']));
    expect(ocr('She said she could not care less about the price of the house in the city this week.').signal).toBe(0);
  });
  it('ocr_noise on older print read with the long s as f, and on words hyphenated before trailing blanks', () => {
    const longS =
      'The king, who was then at Windsor, fent for the duke, and defired him to ftay; but the duke, fearing left fome ' +
      'defign fhould be formed againft his perfon, excufed himfelf, and retired to his own houfe. The commons voted that ' +
      'the fupply fhould be granted upon the ufual terms.';
    const r = ocr(longS);
    expect(r.signal).toBeGreaterThanOrEqual(THRESHOLDS.ocr_noise);
    expect(spanTexts(longS, r.spans)).toEqual(expect.arrayContaining(['fhould', 'againft', 'himfelf', 'houfe', 'fupply']));
    const modern = 'The staff of the office found the diff in the sprintf call, and fifty of them left for lunch after the fuss.';
    expect(ocr(modern).signal).toBe(0);
    // OCR that keeps a blank (or a carriage return) after the hyphen at a line's end
    const column = 'The Senate adjourned yes- \nterday after a session of sev- \neral hours, during which\r\nthe bill was de-\r\nbated.';
    expect(T.hyphenBreaks(column)).toBe(3);
    expect(spanTexts(column, ocr(column).spans)).toEqual(expect.arrayContaining(['s- \nt', 'v- \ne', 'e-\r\nb']));
  });
  it('non_english on French and on scripts the detector does not know; not on English', () => {
    const fr = 'Le comité s\'est réuni un matin froid de mars et a convenu que la rivière avait besoin d\'une nouvelle digue. Les ingénieurs du département avaient étudié la vallée deux fois.';
    expect(tagged(fr)).toContain('non_english');
    expect(scoreText(fr).language).toBe('fr');
    expect(tagged('འགྲོ་བ་མི་རིགས་ག་ར་ མི་སྡེའི་འཐུས་མི་གཅིག་ཨིནམ་ལས་ མི་སྡེ་དང་འབྲེལ་བའི་ཉེན་སྲུང་')).toContain('non_english');
    expect(tagged(PROSE)).not.toContain('non_english');
  });
  it('non_english on a page translated in part, with spans on its foreign paragraphs; not on English quoting a foreign line', () => {
    const fr = 'Le comité s\'est réuni un matin froid de mars et a convenu que la rivière avait besoin d\'une nouvelle digue. Les ingénieurs du département avaient étudié la vallée deux fois.';
    const zh = '如果没有维护好密码安全，此文件绝对不能让普通用户可读。每一行包含九个字段，由冒号分隔，顺序如下。';
    // English paragraphs first and most of the page: a whole-text call says English.
    const page = [PROSE, fr, PROSE.replace('March', 'May'), zh, PROSE.replace('March', 'June'), fr.replace('mars', 'avril')].join('\n\n');
    const r = scoreText(page, { spans: true });
    expect(r.language).toBe('en');
    expect(r.tags).toContain('non_english');
    const foreign = r.spans.filter((s) => s.tag === 'non_english').map((s) => page.slice(s.start, s.end));
    expect(foreign).toEqual([fr, zh, fr.replace('mars', 'avril')]);
    const quoting = [PROSE, PROSE.replace('March', 'May'), 'The sign on the gate said:', 'Défense d\'entrer, propriété privée, chien méchant.', PROSE.replace('March', 'June')].join('\n\n');
    expect(tagged(quoting)).not.toContain('non_english');
  });
  it('non_english on Latin-script languages the detector does not know (Latin, Irish) and that use English-looking short words', () => {
    const latin =
      'Cum hominis iurium mala cognitio contemptioque in facinora barbara eruperint, quae conscientiam generis humani laeserunt, ' +
      'et cum summa hominum communium aspiratio iam sit mundus in quo homines libere loqui credere possint, metu inopiaque liberati, ' +
      'necesse est ut iura hominis praesidio legum tueantur, ne homo ad extremum cogatur rebellare contra tyrannidem et oppressionem.';
    expect(tagged(latin)).toContain('non_english');
    const irish =
      'De bhrí gur bunús saoirse, ceartais agus síochána sa domhan é aitheantas a thabhairt don dínit is dual do gach duine ' +
      'agus do chearta comhionanna doshannta an uile dhuine den teaghlach daonna, agus de bhrí gur eascair gníomhartha barbartha ' +
      'as neamhaird agus dímheas a dhéanamh ar chearta daonna, gníomhartha a ghoill go mór ar choinsias an chine dhaonna.';
    expect(tagged(irish)).toContain('non_english');
    const shortEnglish = 'I think you should go home now, and call me when you get back. Love you, bye, see you tomorrow if you can make it, ok?';
    expect(tagged(shortEnglish)).not.toContain('non_english');
  });
  it('non_english on a Ukrainian page with an English paragraph left untranslated; not on English quoting a Russian line', () => {
    const ukrainian =
      'Користувач, чий обліковий запис заблоковано, має звернутися до адміністратора системи, перш ніж знову зможе ' +
      'користуватися системою. Встановити мінімальну кількість днів між змінами пароля. Нульове значення для цього поля ' +
      'вказує, що користувач може змінювати пароль будь-коли.\n\n' +
      'Apply changes in the root directory and use the configuration files from the root directory. Only absolute paths are supported.\n\n' +
      'Встановити кількість днів між попередженням про потребу у зміні пароля і завершенням строку дії пароля.';
    expect(tagged(ukrainian)).toContain('non_english');
    expect(scoreText(ukrainian).language).toBe('uk');
    const quoting = `${PROSE} The sign over the door said "Добро пожаловать", which the guide translated for us as a plain welcome to the town.`;
    expect(tagged(quoting)).not.toContain('non_english');
  });
  it('boilerplate on navigation bars, not on Markdown tables', () => {
    const table = [
      'Supported platforms:',
      '',
      '| Architecture | Operating System | Compiler |',
      '| ------------ | ---------------- | -------- |',
      ...['AArch64 | iOS | Clang', 'AArch64 | Linux | GCC', 'ARM | Linux | GCC', 'x86 | Windows | MSVC', 'MIPS | Linux | GCC', 'RISC-V | Linux | GCC'].map((r) => `| ${r} |`),
      '',
      PROSE,
    ].join('\n');
    expect(T.boilerplate(table).signal).toBeLessThan(THRESHOLDS.boilerplate);
    // Without outer pipes, with alignment colons.
    const bare = ['name | ratio | speed | memory', ':--- | ---: | :---: | ---', 'zstd | 2.88 | 530 MB/s | 12 MB', 'zlib | 2.74 | 95 MB/s | 1 MB', 'lz4 | 2.10 | 780 MB/s | 4 MB', PROSE].join('\n');
    expect(T.boilerplate(bare).signal).toBeLessThan(THRESHOLDS.boilerplate);
    // The same rows with no delimiter row are menus; so is a menu after a table.
    const menus = ['Home | About | Products | Blog | Contact', 'Careers | Press | Investors | Help | Sitemap', 'Login | Register | Cart | Wishlist', PROSE.slice(0, 200)].join('\n');
    expect(T.boilerplate(menus).signal).toBeGreaterThanOrEqual(THRESHOLDS.boilerplate);
    const r = T.boilerplate([table.split('\n').slice(0, 10).join('\n'), '', menus].join('\n'));
    expect(r.spans.map((s) => s.start)).toEqual([...r.spans.map((s) => s.start)].sort((a, b) => a - b));
    expect(r.spans.length).toBe(3);
  });
  it('boilerplate on spam and cookie banners, not on prose', () => {
    const spam = 'Subject: MAKE MONEY FAST!!!\n\nDear Friend, you have been selected to receive a FREE gift. Click here to order now, this limited time offer is 100% guaranteed with no obligation. To be removed from our mailing list reply with REMOVE.';
    expect(tagged(spam)).toContain('boilerplate');
    const banner = 'We use cookies to improve your experience. Accept all cookies or read our Privacy Policy and Terms of Use. Home | About | Contact | Careers | Blog';
    expect(tagged(banner)).toContain('boilerplate');
    expect(tagged(PROSE)).not.toContain('boilerplate');
    // Formal prose about money and offers: the Naive Bayes model before this one called such text spam.
    const report =
      'During the year the office answered 954 requests for information on foreign and domestic commerce and made 73 field visits. ' +
      'Our advertising program continued to stress 100% financing, plant availability and the advantages of the location. ' +
      'We also ran a series of advertisements featuring the endorsement of firms already established in the state, ' +
      'and the response from manufacturers, who were offered free consultation on sites and credit, was encouraging.';
    expect(tagged(report)).not.toContain('boilerplate');
  });

  it('boilerplate on stock touts from two kinds of touting, not on financial news or a quote', () => {
    // Written for this test in the layout of pump-and-dump mail; the spam model alone scores such text low.
    const tout =
      'Market Watch Weekly\n\nOur pick this week: Velorant Mining Corp.\nSy mbol: VLRM\nExchange: PinkSheets\n10-Day Target: $1.40\n\n' +
      'The company has secured drilling rights near a proven deposit and management expects news of the first assays shortly.';
    const r = T.boilerplate(tout);
    expect(r.signal).toBeGreaterThanOrEqual(THRESHOLDS.boilerplate);
    expect(spanTexts(tout, r.spans)).toEqual(['Sy mbol: VLRM', 'PinkSheets', '10-Day Target: $1.40']);
    const urged = 'Quick note before the bell. They trade under the ticker symbol QRTX and the float is tiny. Go buy QRTX and double your money by Friday.';
    expect(T.boilerplate(urged).signal).toBeGreaterThanOrEqual(THRESHOLDS.boilerplate);
    // One kind alone, or a quote's symbol and price: clean financial text.
    const news =
      'Analysts at two brokerages now rate the shares a strong buy, citing a price target of $54 and steady margins in the ' +
      'retail unit. The company reported revenue of $2.1 billion for the quarter, ahead of forecasts.';
    expect(T.boilerplate(news).signal).toBeLessThan(THRESHOLDS.boilerplate);
    const quote = 'Symbol: ACME\nCurrent price: $41.20\nVolume: 1,204,500\nThe board meets on Thursday to approve the dividend.';
    expect(T.boilerplate(quote).signal).toBeLessThan(THRESHOLDS.boilerplate);
  });
});

