/** `sift info`: the Data page's summary of a dataset, as text or JSON. */
import type { SidecarReport } from '../../data/sidecar';
import { formatCount } from '../../format/numbers';
import { badLinePolicy, listOption, type Command } from '../command';

/** What joining a score file did, as the text output says it. */
const sidecarLine = (r: SidecarReport) =>
  `\nscores from ${r.file} (by "${r.idColumn}"): ${r.columns.join(', ')}; ${formatCount(r.matched)} documents matched, ` +
  `${formatCount(r.missingInSidecar)} without a row there, ${formatCount(r.unknownIds)} of its ${formatCount(r.rows)} rows name no document`;
import { infoJson, infoText } from '../info';
import { loadDatasetFromFiles } from '../load';

export const info: Command<{ files: string[] }> = {
  parse(files) {
    if (files.length === 0) throw new Error('info needs at least one file');
    return { files };
  },
  async run({ files }, values) {
    const { conn, dataset, sidecars, plan } = await loadDatasetFromFiles(files, badLinePolicy(values), listOption(values, 'scores'));
    try {
      const layout = { kind: plan.kind, stats_files: plan.statsFiles, summary_stats: plan.summaryStats, ignored: plan.ignored };
      if (values.json) return JSON.stringify({ layout, ...infoJson(dataset), ...(sidecars.length ? { score_files: sidecars } : {}) }, null, 2);
      const layoutLine = plan.kind === 'files' && plan.ignored.length === 0 ? '' : `layout       ${plan.kind}${plan.ignored.length ? ` (${plan.ignored.length} other files left out: ${plan.ignored.slice(0, 3).join(', ')}${plan.ignored.length > 3 ? ', …' : ''})` : ''}\n`;
      return layoutLine + infoText(dataset) + sidecars.map(sidecarLine).join('');
    } finally {
      conn.close();
    }
  },
};
