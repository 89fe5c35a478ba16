/** `sift verify`: recomputes a manifest from its provenance record. */
import { RunFailed, type Command } from '../command';
import { readFile } from 'node:fs/promises';
import { runVerify } from '../export';

export const verify: Command<{ file: string; part: number | null }> = {
  parse(files, values) {
    if (files.length !== 1) throw new Error('verify needs one provenance file');
    const part = typeof values.part === 'string' ? Number(values.part) : null;
    if (part !== null && !(Number.isInteger(part) && part >= 0)) throw new Error(`--part: expected a shard index, got "${values.part}"`);
    return { file: files[0], part };
  },
  async run({ file, part }) {
    const prov = JSON.parse(await readFile(file, 'utf8')) as { kind?: string };
    // A manifest of `sift run export` is checked part by part (docs/cluster.md).
    if (prov.kind === 'sift-run-export') {
      const { verifyRun } = await import('../run/verify');
      const result = await verifyRun(prov as never, file, part);
      if (!result.ok) throw new RunFailed(`verify failed: ${result.message}`);
      return result.message;
    }
    if (part !== null) throw new Error('--part applies to a manifest of sift run export');
    const result = await runVerify(file);
    if (!result.ok) throw new RunFailed(`verify failed: ${result.message}`);
    return result.message;
  },
};
