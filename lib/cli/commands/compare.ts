/** `sift compare`: two or more selectors on the same documents. */
import type { Direction } from '../../selection/order';
import { parseRatio } from '../../selection/ratio';
import { badLinePolicy, listOption, stringOption, type Command } from '../command';
import { compareSelectors, parseDefine, type CompareOptions } from '../compare';
import { compareText } from '../compare-text';
import { loadDatasetFromFiles } from '../load';

export const compare: Command<{ files: string[]; options: CompareOptions }> = {
  parse(files, values) {
    if (files.length === 0) throw new Error('compare needs at least one file');
    const selectors = stringOption(values, 'selectors');
    const drop = stringOption(values, 'drop');
    if (!selectors || !drop) throw new Error('compare needs --selectors and --drop');
    return {
      files,
      options: {
        selectors: selectors.split(',').map((x) => x.trim()).filter(Boolean),
        ratio: parseRatio(drop),
        defines: listOption(values, 'define').map(parseDefine),
        directions: Object.fromEntries(
          listOption(values, 'direction').map((d) => {
            const [name, dir] = d.split('=');
            if (dir !== 'higher' && dir !== 'lower') throw new Error(`--direction: expected name=higher or name=lower, got "${d}"`);
            return [name, dir as Direction];
          }),
        ),
      },
    };
  },
  async run({ files, options }, values) {
    const { conn, dataset } = await loadDatasetFromFiles(files, badLinePolicy(values), listOption(values, 'scores'));
    try {
      const result = await compareSelectors(conn, dataset, options);
      return values.json ? JSON.stringify(result, null, 2) : compareText(result);
    } finally {
      conn.close();
    }
  },
};
