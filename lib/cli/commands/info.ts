/** `sift info`: the Data page's summary of a dataset, as text or JSON. */
import { badLinePolicy, type Command } from '../command';
import { infoJson, infoText } from '../info';
import { loadDatasetFromFiles } from '../load';

export const info: Command<{ files: string[] }> = {
  parse(files) {
    if (files.length === 0) throw new Error('info needs at least one file');
    return { files };
  },
  async run({ files }, values) {
    const { conn, dataset } = await loadDatasetFromFiles(files, badLinePolicy(values));
    try {
      return values.json ? JSON.stringify(infoJson(dataset), null, 2) : infoText(dataset);
    } finally {
      conn.close();
    }
  },
};
