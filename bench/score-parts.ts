/**
 * Where the heuristic scorer's time goes: each part of scoreText (tokenization,
 * each rule set, language identification, each tagger) timed on its own over
 * the demo corpus, in one thread, after a warm-up pass; with each part's share
 * and the rate it would reach alone. The parts' sum differs from scoreText's own
 * time by the timer calls and by JIT and cache effects (±10 % here).
 *   npx tsx bench/score-parts.ts [path.parquet]
 */
import { NodeConnector } from '../lib/data/connectors/node';
import { guessLanguage } from '../lib/scoring/language';
import { c4Quality, docView, finewebQuality, gopherQuality, gopherRepetition, type DocView } from '../lib/scoring/rules/datatrove';
import { scoreText } from '../lib/scoring/score';
import * as T from '../lib/scoring/taggers';

const path = process.argv[2] ?? 'public/demo/demo.parquet';
const conn = await NodeConnector.open();
const texts = (await conn.query(`SELECT text FROM '${path.replaceAll("'", "''")}' ORDER BY id`)).map((r) => String(r.text ?? ''));
conn.close();
const mb = texts.reduce((a, t) => a + Buffer.byteLength(t), 0) / 1e6;

const ms = new Map<string, number>();
function timed<R>(part: string, run: () => R): R {
  const start = performance.now();
  const result = run();
  ms.set(part, (ms.get(part) ?? 0) + performance.now() - start);
  return result;
}

for (const pass of ['warm-up', 'measured']) {
  ms.clear();
  for (const text of texts) {
    const view: DocView = timed('tokenize + lines (docView)', () => docView(text));
    timed('gopher_quality', () => gopherQuality(view));
    timed('gopher_repetition', () => gopherRepetition(view));
    timed('c4_quality', () => c4Quality(view));
    timed('fineweb_quality', () => finewebQuality(view));
    const lang = timed('language identification', () => guessLanguage(text, view.tokens));
    timed('encoding_error', () => T.encodingError(text));
    timed('ocr_noise', () => T.ocrNoise(text, view.tokens, lang));
    timed('whitespace', () => T.whitespace(text));
    timed('nonprinting', () => T.nonprinting(text));
    timed('number_table', () => T.numberTable(text));
    timed('secret', () => T.secret(text));
    timed('all_caps', () => T.allCaps(text));
    timed('non_english', () => T.nonEnglish(lang, text));
    timed('repetition', () => T.repetition(text, view.wordIds));
    timed('boilerplate', () => T.boilerplate(text));
    timed('markup', () => T.markup(text));
  }
  const start = performance.now();
  for (const text of texts) scoreText(text);
  const whole = (performance.now() - start) / 1000;
  const sum = [...ms.values()].reduce((a, b) => a + b, 0) / 1000;
  console.log(`${pass}: ${texts.length} documents, ${mb.toFixed(1)} MB; parts ${sum.toFixed(1)} s; scoreText ${whole.toFixed(1)} s = ${(mb / whole).toFixed(2)} MB/s`);
}
const sum = [...ms.values()].reduce((a, b) => a + b, 0);
console.log('\npart                              time   share   MB/s alone');
for (const [part, t] of [...ms].sort((a, b) => b[1] - a[1])) {
  console.log(`${part.padEnd(30)} ${(t / 1000).toFixed(2).padStart(7)} s ${((100 * t) / sum).toFixed(1).padStart(5)} % ${(mb / (t / 1000)).toFixed(0).padStart(8)}`);
}
