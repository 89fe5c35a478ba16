import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project folder (the one with package.json) above this module: lib/cli
 * when run from source, dist/cli/<build> when compiled, so paths to shipped
 * files are found from either.
 */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('sift: cannot find the project folder (package.json) above the CLI');
    dir = up;
  }
  return dir;
}
