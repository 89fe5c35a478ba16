// Entry of a `sift score` worker thread when the CLI runs from source (tests): the TypeScript worker
// through tsx's loader. The compiled CLI uses dist/cli/score-worker.mjs instead.
import { register } from 'tsx/esm/api';

register();
await import('../lib/cli/score-worker.ts');
