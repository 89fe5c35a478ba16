import { describe, expect, it } from 'vitest';
import { Prng } from '../../util/prng';
import { SPAM_LOG_ODDS_THRESHOLD, spamLogOdds, trainSpamModel } from '../spam-model';

// Two vocabularies that overlap in common words; a message draws mostly from its class.
const COMMON = ['the', 'and', 'you', 'for', 'this', 'with', 'have', 'are', 'will', 'from', 'your', 'our'];
const SPAMMY = ['free', 'offer', 'click', 'remove', 'guaranteed', 'money', 'order', 'now', 'credit', 'winner', 'cash', 'limited'];
const HAMMY = ['patch', 'kernel', 'meeting', 'thanks', 'wrote', 'list', 'build', 'release', 'bug', 'review', 'draft', 'notes'];

function corpus(seed: number, n: number) {
  const rng = new Prng(seed);
  return Array.from({ length: n }, (_, i) => {
    const spam = i % 3 === 0; // unbalanced on purpose: the classes are weighted equally
    const own = spam ? SPAMMY : HAMMY;
    const other = spam ? HAMMY : SPAMMY;
    const words = Array.from({ length: 20 }, () => (rng.chance(0.4) ? rng.pick(COMMON) : rng.chance(0.85) ? rng.pick(own) : rng.pick(other)));
    return { spam, text: words.join(' ') };
  });
}

describe('spam model training', () => {
  it('separates held-out messages at even odds, whatever the class sizes', () => {
    const model = trainSpamModel(corpus(1, 600), { minDf: 2 });
    const test = corpus(2, 300);
    const errors = test.filter((d) => spamLogOdds(model, d.text) >= SPAM_LOG_ODDS_THRESHOLD !== d.spam).length;
    expect(errors / test.length).toBeLessThan(0.03);
    expect(model.weights.free).toBeGreaterThan(0);
    expect(model.weights.patch).toBeLessThan(0);
  });
  it('is deterministic for a seed and keeps at most maxFeatures', () => {
    const docs = corpus(3, 300);
    const a = trainSpamModel(docs, { minDf: 2, maxFeatures: 10 });
    expect(trainSpamModel(docs, { minDf: 2, maxFeatures: 10 })).toEqual(a);
    expect(Object.keys(a.weights).length).toBeLessThanOrEqual(10);
  });
  it('scores texts up to short.maxChars with the short weights and longer ones with the main weights', () => {
    const model = { ...trainSpamModel(corpus(1, 600), { minDf: 2 }), short: { maxChars: 30, bias: 5, weights: { patch: -1 } } };
    expect(spamLogOdds(model, 'patch notes')).toBe(4); // 11 characters: the short weights
    const long = 'patch notes for the kernel build, thanks';
    expect(spamLogOdds(model, long)).toBe(spamLogOdds({ ...model, short: undefined }, long));
  });
  it('drops features seen in fewer than minDf documents', () => {
    const docs = [...corpus(4, 200), { spam: true, text: 'zyxwv free offer' }];
    expect(trainSpamModel(docs, { minDf: 2 }).weights).not.toHaveProperty('zyxwv');
  });
});
