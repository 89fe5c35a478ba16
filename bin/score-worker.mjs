// Entry of a `sift score` worker thread: the TypeScript worker through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('../lib/cli/score-worker.ts');
