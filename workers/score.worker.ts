/// <reference lib="webworker" />
/** A scoring worker: Sift's heuristic scorer on batches of texts (a pool of these runs in parallel). */
import * as Comlink from 'comlink';
import { scoreBatch } from '../lib/scoring/batch';
import type { RuleSet } from '../lib/scoring/names';
import { scoreText } from '../lib/scoring/score';

const api = {
  score(texts: Array<string | null>, rules: RuleSet[]) {
    const batch = scoreBatch(texts, rules);
    return Comlink.transfer(batch, [batch.tagBits.buffer, ...Object.values(batch.columns).map((c) => c.buffer)]);
  },
  /** Tags and highlight spans of one document (the detail view). */
  explain(text: string) {
    const s = scoreText(text, { spans: true });
    return { tags: s.tags, spans: s.spans, signals: s.signals, rules: s.rules, heuristic: s.heuristic, language: s.language };
  },
};

export type ScoreWorkerApi = typeof api;
Comlink.expose(api);
