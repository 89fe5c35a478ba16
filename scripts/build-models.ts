/**
 * Builds the models lib/scoring needs from npm-shipped text, into
 * lib/scoring/generated/ (git-ignored): the spam Naive Bayes of the
 * boilerplate tagger, trained on SpamAssassin. Prints held-out figures from
 * a 5-fold split before training the shipped model on everything.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SPAM_LOG_ODDS_THRESHOLD, spamLogOdds, trainSpamModel } from '../lib/scoring/spam-model';
import { Prng } from '../lib/util/prng';
import { brownDocs, emailDocs, forumDocs } from './demo/sources';

const root = new URL('..', import.meta.url).pathname;
// Ham is everything clean, not only mail: trained on mailing-list ham alone, the
// model called any prose without mail jargon spam. Brown and nlp-corpus give it prose.
const rng = new Prng(11);
const docs = [
  ...emailDocs().map((d) => ({ spam: d.source === 'spam', mail: true, text: d.text })),
  ...brownDocs(rng).docs.filter((_, i) => i % 8 === 0).map((d) => ({ spam: false, mail: false, text: d.text })),
  ...forumDocs(rng, 600).map((d) => ({ spam: false, mail: false, text: d.text })),
];

// Threshold on the log-odds where the tagger fires (signal 0.5): chosen on held-out folds.
const THRESHOLD = SPAM_LOG_ODDS_THRESHOLD;
let tp = 0;
let fn = 0;
let fp = 0;
let tn = 0;
let proseFp = 0;
let prose = 0;
for (let fold = 0; fold < 5; fold++) {
  const train = docs.filter((_, i) => i % 5 !== fold);
  const test = docs.filter((_, i) => i % 5 === fold);
  const model = trainSpamModel(train);
  for (const d of test) {
    const hit = spamLogOdds(model, d.text) >= THRESHOLD;
    if (d.spam) hit ? tp++ : fn++;
    else if (d.mail) hit ? fp++ : tn++;
    else {
      prose++;
      if (hit) proseFp++;
    }
  }
}
const heldOut = { spamRecall: tp / (tp + fn), hamFalsePositive: fp / (fp + tn), proseFalsePositive: proseFp / prose, threshold: THRESHOLD, n: docs.length };
const model = { ...trainSpamModel(docs), heldOut };
const dir = join(root, 'lib/scoring/generated');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'spam-nb.json'), JSON.stringify(model) + '\n');
console.log(
  `spam model: ${Object.keys(model.weights).length} features from ${docs.length} messages; 5-fold held out: ` +
    `spam recall ${(heldOut.spamRecall * 100).toFixed(1)} %, ham mail tagged ${(heldOut.hamFalsePositive * 100).toFixed(1)} %, ` +
    `prose tagged ${(heldOut.proseFalsePositive * 100).toFixed(1)} %`,
);
