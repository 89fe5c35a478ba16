/// <reference lib="webworker" />
/** The selection worker: the selection service (lib/service) off the main thread. */
import * as Comlink from 'comlink';
import { loadBrowserParquet } from '../lib/browser/parquet';
import { SelectionService } from '../lib/service';

Comlink.expose(new SelectionService({ loadParquet: loadBrowserParquet }));
