/** What a scoring worker (workers/score.worker.ts) runs: Sift's heuristic scorer on batches of texts (a pool of these runs in parallel). */
import * as Comlink from 'comlink';
import { scoreBatch } from '../scoring/batch';
import type { RuleSet } from '../scoring/names';
import { scoreText } from '../scoring/score';

export const scoreApi = {
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

export type ScoreWorkerApi = typeof scoreApi;
