/** worker_threads side of `sift score`: scores the batches the main thread sends. */
import { parentPort } from 'node:worker_threads';
import type { RuleSet } from '../scoring/rules/datatrove';
import { scoreRow } from '../scoring/rows';

parentPort!.on('message', (msg: { id: number; ids: string[]; texts: Array<string | null>; rules: RuleSet[] }) => {
  const lines = msg.ids.map((id, i) => JSON.stringify(scoreRow(id, msg.texts[i], msg.rules)));
  parentPort!.postMessage({ id: msg.id, lines });
});
