/// <reference lib="webworker" />
/** The loader worker: parses files off the main thread. */
import * as Comlink from 'comlink';
import { loaderApi } from '../lib/browser/loader-service';

Comlink.expose(loaderApi);
