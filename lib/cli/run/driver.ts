/**
 * `sift run score|measure|export`: the shard protocol of docs/cluster.md, driven
 * from one process that only writes specs, starts tasks on an engine, and merges
 * the tasks' small outputs (figures, the documents of one bin). The corpus's
 * scores are never gathered in one place.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { basename, join, resolve, sep } from 'node:path';
import { ALL, mergeCounts, narrow, newGroup, pickCut, type DigitCounts, type GroupCut } from '../../run/cut';
import { scoreOf } from '../../run/order-key';
import { columnDirection } from '../../scoring/directions';
import { SCORER_VERSION } from '../../scoring/names';
import { dropCountFor, type Direction } from '../../selection/order';
import { sourceKey } from '../../selection/engine';
import { SIFT_VERSION } from '../../export/version';
import { RunFailed } from '../command';
import { planInputs } from '../load';
import { refuseOverwritingInputs, writeAtomically } from '../safe-output';
import type { Engine, Progress } from './engines';
import type { Candidate, ShardFigures, SourceFigures } from './shard';
import type { CutParams, ExportParams, MeasureParams, ScoreParams } from './task';
import { outputPath, pendingShards, readOutputs, samplePath, sha256File, shardRef, validMarker, writeSpec, type ShardRef, type StepSpec } from './work';
import { quoteIdent, quoteLiteral } from '../../data/sql/quote';
import { CORPUS_FIGURES_KEY, type CorpusFigures } from '../../data/corpus-figures';

export interface RunContext {
  work: string;
  engine: Engine;
  dryRun: boolean;
  progress: Progress;
  /** Score sidecars from `sift run score` joined to each shard. */
  useScores: boolean;
  /** A bin with at most this many documents is gathered rather than counted again. */
  gatherLimit: number;
  /** The model `score` runs (and whose sidecars --use-scores joins) instead of the heuristic scorer. */
  model: ScoreParams['model'];
}

/** The shards of the paths given: each documents file of their layouts, in the order `sift export` reads them. */
export async function shardsOf(paths: string[], work: string): Promise<ShardRef[]> {
  const inside = paths.find((p) => (resolve(work) + sep).startsWith(resolve(p) + sep));
  if (inside) throw new Error(`--work ${work} is inside the input folder ${inside}: its outputs would be read as shards; put the work folder elsewhere`);
  const plan = planInputs(paths);
  const joined = plan.documents.find((d) => d.attributes.length > 0);
  if (joined) throw new Error(`${joined.name}: documents with attributes files (a Dolma root) are not run shard by shard yet; give the documents files with their scores as columns`);
  return Promise.all(plan.documents.map((d) => shardRef(d.path)));
}

/** The last line a failed task printed (its error), to show beside its log's path. */
async function lastLine(log: string | undefined): Promise<string> {
  const text = log ? await readFile(log, 'utf8').catch(() => '') : '';
  const last = text.trim().split('\n').pop() ?? '';
  return last ? `\n    ${last.slice(0, 300)}` : '';
}

/** Runs a step's pending shards on the engine; throws naming the failed shards and their logs. */
export async function runStep(ctx: RunContext, spec: StepSpec): Promise<{ ran: number; seconds: number; documents: number; taskSeconds: number }> {
  const pending = await pendingShards(spec);
  const started = Date.now();
  if (pending.length === 0) ctx.progress(`${spec.step}: all ${spec.shards.length} shards already done (${spec.outDir})`);
  else {
    ctx.progress(`${spec.step}: ${pending.length} of ${spec.shards.length} shards to run on ${ctx.engine.name}`);
    const { logs } = await ctx.engine.run(spec, pending, ctx.progress);
    const failed = await pendingShards(spec);
    if (failed.length > 0) {
      const lines = await Promise.all(failed.map(async (i) => `  shard ${i} (${spec.shards[i].path}): log ${logs.get(i) ?? 'none'}${await lastLine(logs.get(i))}`));
      throw new RunFailed(`${spec.step}: ${failed.length} of ${spec.shards.length} shards failed; run the same command again to retry only them\n${lines.join('\n')}`);
    }
  }
  const seconds = (Date.now() - started) / 1000;
  const markers = await Promise.all(pending.map((i) => validMarker(spec, i)));
  const documents = markers.reduce((a, m) => a + (m?.documents ?? 0), 0);
  const taskSeconds = markers.reduce((a, m) => a + (m?.seconds ?? 0), 0);
  if (pending.length > 0) ctx.progress(`${spec.step}: ${pending.length} shards, ${documents} documents in ${seconds.toFixed(1)} s; ${taskSeconds > 0 ? Math.round(documents / taskSeconds) : 0} documents/s per task`);
  return { ran: pending.length, seconds, documents, taskSeconds };
}

/** Stops a dry run at the first step that would run, printing what it would submit. */
class DryRunStop extends Error {}

async function step(ctx: RunContext, spec: StepSpec) {
  if (ctx.dryRun) {
    const pending = await pendingShards(spec);
    if (pending.length === 0) {
      ctx.progress(`${spec.step}: all ${spec.shards.length} shards already done`);
      return;
    }
    throw new DryRunStop(`${ctx.engine.describe(spec, pending)}\n# dry run: ${spec.step} would run ${pending.length} shards; later steps depend on its outputs, so they are not shown`);
  }
  await runStep(ctx, spec);
}

const scoreSpec = (ctx: RunContext, shards: ShardRef[], rules: string[]) => writeSpec<ScoreParams>(ctx.work, 'score', 'score', 'parquet', shards, { rules, scorer: ctx.model ? 'model' : SCORER_VERSION, model: ctx.model });

/** The score sidecars to join, when asked for: the score step must be done for every shard. */
async function sidecars(ctx: RunContext, shards: ShardRef[], rules: string[]): Promise<string[] | null> {
  if (!ctx.useScores) return null;
  const spec = await scoreSpec(ctx, shards, rules);
  const missing = await pendingShards(spec);
  if (missing.length) throw new Error(`--use-scores: ${missing.length} shards have no score sidecar yet (run \`sift run score\` first)`);
  return shards.map((_, i) => outputPath(spec, i));
}

export async function runScoreStep(ctx: RunContext, shards: ShardRef[], rules: string[]): Promise<string> {
  const spec = await scoreSpec(ctx, shards, rules);
  await step(ctx, spec);
  return `score sidecars: ${spec.outDir}`;
}

export interface MergedFigures {
  shards: number;
  documents: number;
  offsets: number[];
  sources: SourceFigures[];
  selectors: Record<string, { direction: Direction; scored: number; missing: number; min: number | null; max: number | null; groups: Record<string, { scored: number; missing: number; counts: DigitCounts }> }>;
}

export function mergeFigures(parts: ShardFigures[]): MergedFigures {
  const offsets: number[] = [];
  let documents = 0;
  const sources = new Map<string, SourceFigures>();
  const selectors: MergedFigures['selectors'] = {};
  for (const p of parts) {
    offsets.push(documents);
    documents += p.rows;
    for (const s of p.sources) {
      const key = JSON.stringify(s.source);
      const m = sources.get(key) ?? { source: s.source, documents: 0, chars: 0, tokens: 0 };
      m.documents += s.documents;
      m.chars += s.chars;
      m.tokens += s.tokens;
      sources.set(key, m);
    }
    for (const [name, f] of Object.entries(p.selectors)) {
      const m = (selectors[name] ??= { direction: f.direction, scored: 0, missing: 0, min: null, max: null, groups: {} });
      m.scored += f.scored;
      m.missing += f.missing;
      if (f.min !== null && (m.min === null || f.min < m.min)) m.min = f.min;
      if (f.max !== null && (m.max === null || f.max > m.max)) m.max = f.max;
      for (const [g, c] of Object.entries(f.groups)) {
        const mg = (m.groups[g] ??= { scored: 0, missing: 0, counts: [] });
        mg.scored += c.scored;
        mg.missing += c.missing;
        mg.counts = mergeCounts([mg.counts, c.counts]);
      }
    }
  }
  // Largest source first, as the page lists them.
  const ordered = [...sources.values()].sort((a, b) => b.documents - a.documents || (a.source === null ? 1 : b.source === null ? -1 : a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  return { shards: parts.length, documents, offsets, sources: ordered, selectors };
}

export async function runMeasureStep(
  ctx: RunContext,
  shards: ShardRef[],
  selectors: string[],
  directions: Record<string, Direction>,
  rules: string[],
  sample: MeasureParams['sample'] = { rate: 0, seed: 0 },
): Promise<{ spec: StepSpec; merged: MergedFigures; sampleFile: string | null }> {
  const dirs = Object.fromEntries(selectors.map((s) => [s, directions[s] ?? columnDirection(s)]));
  const spec = await writeSpec<MeasureParams>(ctx.work, 'measure', 'measure', 'json', shards, { selectors, directions: dirs, scoreFiles: await sidecars(ctx, shards, rules), sample });
  await step(ctx, spec);
  const outputs = await readOutputs<ShardFigures & { sampled: number }>(spec);
  const merged = mergeFigures(outputs);
  await writeAtomically([join(spec.outDir, 'merged.json')], async ([tmp]) => {
    await writeFile(tmp, JSON.stringify(merged) + '\n');
  });
  if (!(sample.rate > 0)) return { spec, merged, sampleFile: null };
  const sampleFile = join(spec.outDir, 'sample.parquet');
  const corpus: CorpusFigures = {
    kind: 'sift-corpus',
    documents: merged.documents,
    sample: { documents: outputs.reduce((a, o) => a + o.sampled, 0), rate: sample.rate, seed: sample.seed, method: 'seeded uniform by doc_id (FNV-1a of "seed:doc_id")' },
    sources: merged.sources,
    selectors: Object.fromEntries(Object.entries(merged.selectors).map(([k, f]) => [k, { scored: f.scored, missing: f.missing, min: f.min, max: f.max }])),
    shards: shards.length,
    run: spec.id,
  };
  const { NodeConnector } = await import('../../data/connectors/node');
  const conn = await NodeConnector.open();
  try {
    // The shards' samples in shard order, with the corpus's figures in the file's own metadata.
    const parts = shards.map((_, i) => `SELECT ${i} AS _part, * FROM read_parquet(${quoteLiteral(samplePath(spec, i))}, file_row_number = true)`).join(' UNION ALL BY NAME ');
    await writeAtomically([sampleFile], async ([tmp]) =>
      conn.exec(`COPY (SELECT * EXCLUDE (_part, file_row_number) FROM (${parts}) ORDER BY _part, file_row_number) TO ${quoteLiteral(tmp)} (FORMAT parquet, COMPRESSION zstd, KV_METADATA {${quoteIdent(CORPUS_FIGURES_KEY)}: ${quoteLiteral(JSON.stringify(corpus))}})`),
    );
  } finally {
    conn.close();
  }
  return { spec, merged, sampleFile };
}

export interface SelectOptions {
  selector: string;
  direction?: Direction;
  ratio: number;
  perSource: Record<string, number> | null;
  missing: 'keep' | 'drop';
  list: 'keep' | 'drop';
  out: string;
  rules: string[];
}

/** The cut of each group (the corpus, or each source), in passes of count and gather tasks. */
export async function findCuts(ctx: RunContext, shards: ShardRef[], merged: MergedFigures, o: SelectOptions, direction: Direction, scoreFiles: string[] | null): Promise<GroupCut[]> {
  const figures = merged.selectors[o.selector];
  const perSource = !!o.perSource && Object.keys(o.perSource).length > 0;
  const groups: GroupCut[] = perSource
    ? merged.sources.map((s) => {
        const g = JSON.stringify(s.source);
        const scored = figures.groups[g]?.scored ?? 0;
        return newGroup(g, scored, dropCountFor(o.perSource![sourceKey(s.source)] ?? o.ratio, scored));
      })
    : [newGroup(ALL, figures.scored, dropCountFor(o.ratio, figures.scored))];
  for (const g of groups) if (g.state === 'count') narrow(g, figures.groups[g.group].counts, direction, ctx.gatherLimit);
  for (let pass = 1; groups.some((g) => g.state !== 'done'); pass++) {
    const gathering = !groups.some((g) => g.state === 'count');
    const params: CutParams = { selector: o.selector, perSource, groups: groups.filter((g) => g.state === (gathering ? 'gather' : 'count')), offsets: merged.offsets, scoreFiles };
    const spec = await writeSpec(ctx.work, gathering ? 'gather' : 'count', 'select', 'json', shards, params);
    await step(ctx, spec);
    if (gathering) {
      const parts = await readOutputs<Record<string, Candidate[]>>(spec);
      for (const g of params.groups) pickCut(groups.find((x) => x.group === g.group)!, parts.flatMap((p) => p[g.group] ?? []), direction);
    } else {
      const parts = await readOutputs<Record<string, DigitCounts>>(spec);
      for (const g of params.groups) narrow(groups.find((x) => x.group === g.group)!, mergeCounts(parts.map((p) => p[g.group] ?? [])), direction, ctx.gatherLimit);
    }
    if (pass > 8) throw new Error('the cut was not found in 8 passes (did an input change between passes?)');
  }
  return groups;
}

interface PartCounts {
  rows: number;
  kept: number;
  dropped: number;
  missing: number;
  perSource: Array<{ source: string | null; documents: number; kept: number; dropped: number }>;
}

/** `sift run export`: measure, find the cuts, write the parts, then the manifest and its provenance. */
export async function runExportSteps(ctx: RunContext, paths: string[], shards: ShardRef[], o: SelectOptions, command: string): Promise<string> {
  const prov = o.out.replace(/(\.[^./]+)?$/, '.provenance.json');
  await refuseOverwritingInputs(
    [
      { path: o.out, flag: '--out' },
      { path: prov, flag: 'the provenance file' },
    ],
    shards.map((s) => ({ path: s.path, what: 'an input shard' })),
  );
  const direction = o.direction ?? columnDirection(o.selector);
  const { merged } = await runMeasureStep(ctx, shards, [o.selector], { [o.selector]: direction }, o.rules);
  const scoreFiles = await sidecars(ctx, shards, o.rules);
  const cuts = await findCuts(ctx, shards, merged, o, direction, scoreFiles);
  const perSource = !!o.perSource && Object.keys(o.perSource).length > 0;
  const params: ExportParams = { selector: o.selector, direction, perSource, missing: o.missing, list: o.list, cuts, offsets: merged.offsets, scoreFiles };
  const spec = await writeSpec(ctx.work, 'export', 'export', 'jsonl', shards, params);
  await step(ctx, spec);

  // The manifest: the parts in shard order, streamed into a temporary file renamed into place.
  const parts = shards.map((_, i) => outputPath(spec, i));
  const counts = await Promise.all(parts.map(async (p) => JSON.parse(await readFile(`${p}.counts.json`, 'utf8')) as PartCounts));
  const markers = await Promise.all(shards.map((_, i) => validMarker(spec, i)));
  const partFiles = await Promise.all(parts.map(async (p, i) => ({ file: p, shard: i, rows: counts[i].rows, sha256: await sha256File(p) })));
  const manifestHash = createHash('sha256');
  let bytes = 0;
  await writeAtomically([o.out, prov], async ([outTmp, provTmp]) => {
    const out = createWriteStream(outTmp);
    for (const p of parts) {
      for await (const chunk of createReadStream(p)) {
        manifestHash.update(chunk as Buffer);
        bytes += (chunk as Buffer).length;
        if (!out.write(chunk)) await once(out, 'drain');
      }
    }
    out.end();
    await once(out, 'finish');
    const perSourceCounts = new Map<string, { source: string | null; documents: number; kept: number; dropped: number }>();
    for (const c of counts)
      for (const s of c.perSource) {
        const m = perSourceCounts.get(JSON.stringify(s.source)) ?? { source: s.source, documents: 0, kept: 0, dropped: 0 };
        m.documents += s.documents;
        m.kept += s.kept;
        m.dropped += s.dropped;
        perSourceCounts.set(JSON.stringify(s.source), m);
      }
    const provenance = {
      kind: 'sift-run-export',
      sift_version: SIFT_VERSION,
      created: new Date().toISOString(),
      command,
      engine: ctx.engine.name,
      work: resolve(ctx.work),
      opened: paths.map((p) => resolve(p)),
      inputs: shards.map((s, i) => ({ name: basename(s.path), path: s.path, bytes: s.size, sha256: markers[i]!.sha256, rows: merged.offsets[i + 1] !== undefined ? merged.offsets[i + 1] - merged.offsets[i] : merged.documents - merged.offsets[i] })),
      score_files: scoreFiles,
      selector: { name: o.selector, direction },
      selection: {
        mode: perSource ? 'per_source' : 'overall',
        ratio: o.ratio,
        per_source: o.perSource,
        missing: o.missing,
        list: o.list,
        cuts: cuts.map((g) => ({ group: g.group === ALL ? 'all' : { source: JSON.parse(g.group) as string | null }, scored: g.scored, dropped: g.k, threshold: g.cut ? scoreOf(g.cut.hi, g.cut.lo) : null, last_dropped: g.cut ? { doc_id: g.cut.id, position: g.cut.row, key: [g.cut.hi, g.cut.lo] } : null })),
      },
      offsets: merged.offsets,
      counts: {
        documents: merged.documents,
        kept: counts.reduce((a, c) => a + c.kept, 0),
        dropped: counts.reduce((a, c) => a + c.dropped, 0),
        missing: counts.reduce((a, c) => a + c.missing, 0),
        manifest_rows: counts.reduce((a, c) => a + c.rows, 0),
        per_shard: counts.map((c, i) => ({ shard: i, kept: c.kept, dropped: c.dropped, missing: c.missing })),
        per_source: [...perSourceCounts.values()],
      },
      parts: partFiles,
      manifest: { file: basename(o.out), bytes, sha256: manifestHash.digest('hex') },
    };
    await writeFile(provTmp, JSON.stringify(provenance, null, 2) + '\n');
  });
  const kept = counts.reduce((a, c) => a + c.kept, 0);
  return `wrote ${o.out} (${counts.reduce((a, c) => a + c.rows, 0)} rows; kept ${kept}, dropped ${merged.documents - kept}) from ${shards.length} parts, and ${prov}`;
}

export { DryRunStop };

/** A model for `sift run score --model`: resolved as sift score resolves it, with the sha256 of its files. */
export async function modelRef(model: string, config: string | undefined): Promise<NonNullable<ScoreParams['model']>> {
  const { resolveModel } = await import('../model-score');
  const r = resolveModel({ model, config });
  const files = [r.model, r.config].filter((f) => f && f !== 'lid176');
  const hash = createHash('sha256');
  for (const f of files) hash.update(await sha256File(f));
  return { path: r.model === 'lid176' ? r.model : resolve(r.model), config: r.config ? resolve(r.config) : null, sha256: hash.digest('hex') };
}
