#!/usr/bin/env node
// The `sift` command: the CLI compiled to JavaScript (dist/cli/sift.mjs, by scripts/build-cli.mjs),
// rebuilt first when a file under lib/ is newer than it.
import { ensureCli } from '../scripts/build-cli.mjs';

const { main } = await import(await ensureCli());
process.exitCode = await main(process.argv.slice(2));
