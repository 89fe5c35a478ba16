/** `sift verify`: recomputes a manifest from its provenance record. */
import { RunFailed, type Command } from '../command';
import { runVerify } from '../export';

export const verify: Command<{ file: string }> = {
  parse(files) {
    if (files.length !== 1) throw new Error('verify needs one provenance file');
    return { file: files[0] };
  },
  async run({ file }) {
    const result = await runVerify(file);
    if (!result.ok) throw new RunFailed(`verify failed: ${result.message}`);
    return result.message;
  },
};
