/// <reference lib="webworker" />
/** The selection worker: sorted score arrays and every selection computation, off the main thread. */
import * as Comlink from 'comlink';
import { SelectionService } from '../lib/selection/service';

Comlink.expose(new SelectionService());
