/// <reference lib="webworker" />
/** Reads the text of large Parquet files by row (lib/data/lazy-text), off the main thread. */
import * as Comlink from 'comlink';
import { LazyTextReader } from '../lib/data/lazy-text';

Comlink.expose(new LazyTextReader());
