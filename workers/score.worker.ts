/// <reference lib="webworker" />
/** A scoring worker: the heuristic scorer on batches of texts (a pool of these runs in parallel). */
import * as Comlink from 'comlink';
import { scoreApi } from '../lib/browser/score-service';

Comlink.expose(scoreApi);
