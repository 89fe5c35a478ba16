/**
 * How the chosen files are read as one dataset (lib/data/layouts): documents
 * with their shapes and Dolma attributes files, and the run's statistics read
 * now (a stats file that is not JSON fails the load, and the dataset loaded
 * before stays). The page's loader (data-client.ts) calls planSources.
 */
import { InputError } from '../data/errors';
import type { BrowserSource } from '../data/ingest-browser';
import { normalizePath, planLayout } from '../data/layouts';
import { funnelFromStats, statsFilesToRead } from '../data/pipelines/datatrove-stats';
import { parseCorpusStat, type CorpusStat } from '../data/pipelines/datatrove-summary';

/** A small text file's contents (run statistics). */
async function sourceText(src: BrowserSource): Promise<string> {
  if (src.kind === 'file') return src.file.text();
  const res = await fetch(src.url);
  if (!res.ok) throw new InputError('bad_stats', `${src.path ?? src.name}: the server answered ${res.status} ${res.statusText}`, { file: src.name });
  return res.text();
}

/**
 * The files' layout (lib/data/layouts), read from their paths in the folder
 * opened: documents with their shapes and Dolma attributes files, and the
 * run's statistics read now (a stats file that is not JSON fails the load,
 * and the dataset loaded before stays).
 */
export async function planSources(sources: BrowserSource[]) {
  const where = (s: BrowserSource) => normalizePath(s.path ?? s.name);
  // Two files may share a name (picked from two folders): each path hands out its files in turn.
  const byPath = new Map<string, BrowserSource[]>();
  for (const s of sources) byPath.set(where(s), [...(byPath.get(where(s)) ?? []), s]);
  const take = (path: string) => {
    const list = byPath.get(path)!;
    return list.length > 1 ? list.shift()! : list[0];
  };
  const plan = planLayout(sources.map(where));
  // Files of a layout are named by their path: three steps' 00000.jsonl.gz must not look alike.
  const named = (path: string): BrowserSource => {
    const src = take(path);
    return plan.kind === 'files' ? src : { ...src, name: path };
  };
  const documents = plan.documents.map((d) => ({ src: named(d.path), shape: d.shape, attributes: d.attributes.map((a) => ({ experiment: a.experiment, src: named(a.path) })) }));
  if (documents.length === 0) throw new InputError('no_rows', `No documents files among ${sources.length} files (${plan.statsFiles.length} run statistics, ${plan.ignored.length} other files).`);
  const statsTexts = [];
  for (const path of statsFilesToRead(plan.statsFiles)) statsTexts.push({ file: path, text: await sourceText(take(path)) });
  const stats = funnelFromStats(statsTexts);
  const corpus: CorpusStat[] = [];
  for (const path of plan.summaryStats) corpus.push(parseCorpusStat(await sourceText(take(path)), path));
  return { documents, plan, stats, corpus };
}
