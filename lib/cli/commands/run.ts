/** `sift run score|measure|export SHARDS… --work DIR`: the shard protocol on an engine (docs/cluster.md). */
import { availableParallelism } from 'node:os';
import { parseRules } from '../../scoring/rows';
import { parsePerSource, parseRatio } from '../../selection/ratio';
import type { Direction } from '../../selection/order';
import { countOption, listOption, stringOption, type Command, type Values } from '../command';

interface RunOptions {
  step: 'score' | 'measure' | 'export';
  paths: string[];
  work: string;
  engine: 'local' | 'slurm';
  tasks: number;
  perTask: number;
  dryRun: boolean;
  useScores: boolean;
  gatherLimit: number;
  rules: string[];
  slurm: { partition?: string; time?: string; cpusPerTask?: number; extra: string[]; poll: number };
  selectors: string[];
  directions: Record<string, Direction>;
  sample: { rate: number; seed: number };
  model: { path: string; config: string | undefined } | null;
  export: { selector: string; direction?: Direction; ratio: number; perSource: Record<string, number> | null; missing: 'keep' | 'drop'; list: 'keep' | 'drop'; out: string } | null;
}

function direction(text: string | undefined): Direction | undefined {
  if (text === undefined) return undefined;
  if (text !== 'higher' && text !== 'lower') throw new Error(`--direction: expected higher or lower, got "${text}"`);
  return text;
}

export const run: Command<RunOptions> = {
  parse(args, v: Values) {
    const [step, ...paths] = args;
    if (step !== 'score' && step !== 'measure' && step !== 'export') throw new Error(`run: expected a step, score, measure or export, got "${step ?? ''}"`);
    if (paths.length === 0) throw new Error(`run ${step} needs shard files or folders`);
    const work = stringOption(v, 'work');
    if (!work) throw new Error('run needs --work DIR (a folder on a filesystem every task can reach)');
    const engine = stringOption(v, 'engine') ?? 'local';
    if (engine !== 'local' && engine !== 'slurm') throw new Error(`--engine: expected local or slurm, got "${engine}"`);
    const extra = listOption(v, 'sbatch');
    for (const e of extra) if (!e.startsWith('--')) throw new Error(`--sbatch: expected an sbatch option such as --mem=4G, got "${e}"`);
    const gather = countOption('gather-limit', stringOption(v, 'gather-limit')) ?? 200_000;
    const poll = Number(stringOption(v, 'poll') ?? '2');
    if (!(poll > 0)) throw new Error(`--poll: expected seconds > 0, got "${stringOption(v, 'poll')}"`);
    const dirs = listOption(v, 'direction');
    let exportOptions: RunOptions['export'] = null;
    let selectors: string[] = [];
    const directions: Record<string, Direction> = {};
    if (step === 'export') {
      const selector = stringOption(v, 'selector');
      const drop = stringOption(v, 'drop');
      const out = stringOption(v, 'out');
      if (!selector || drop === undefined || !out) throw new Error('run export needs --selector, --drop and --out');
      if (!out.endsWith('.jsonl')) throw new Error(`--out: run export writes a JSONL doc_id list (its parts concatenate); got "${out}"`);
      const missing = stringOption(v, 'missing') ?? 'keep';
      if (missing !== 'keep' && missing !== 'drop') throw new Error(`--missing: expected keep or drop, got "${missing}"`);
      const list = stringOption(v, 'list') ?? 'keep';
      if (list !== 'keep' && list !== 'drop') throw new Error(`--list: expected keep or drop, got "${list}"`);
      const perSource = stringOption(v, 'per-source');
      exportOptions = { selector, direction: direction(dirs[0]), ratio: parseRatio(drop), perSource: perSource ? parsePerSource(perSource) : null, missing, list, out };
      selectors = [selector];
    } else if (step === 'measure') {
      selectors = (stringOption(v, 'selectors') ?? stringOption(v, 'selector') ?? '').split(',').filter(Boolean);
      if (selectors.length === 0) throw new Error('run measure needs --selectors a,b (score columns)');
      for (const d of dirs) {
        const [name, value] = d.split('=');
        if (!selectors.includes(name)) throw new Error(`--direction ${d}: expected name=higher|lower for one of --selectors`);
        directions[name] = direction(value)!;
      }
    }
    const cpus = countOption('cpus-per-task', stringOption(v, 'cpus-per-task'));
    const models = listOption(v, 'model');
    if (models.length > 1) throw new Error('run takes one --model (run score once per model)');
    const rateText = stringOption(v, 'sample-rate');
    const rate = rateText === undefined ? (step === 'measure' ? 0.001 : 0) : Number(rateText);
    if (!(rate >= 0 && rate <= 1)) throw new Error(`--sample-rate: expected a fraction from 0 to 1, got "${rateText}"`);
    const seed = Number(stringOption(v, 'seed') ?? '0');
    if (!Number.isInteger(seed)) throw new Error(`--seed: expected an integer, got "${stringOption(v, 'seed')}"`);
    return {
      step,
      paths,
      work,
      engine,
      tasks: countOption('tasks', stringOption(v, 'tasks')) ?? availableParallelism(),
      perTask: countOption('shards-per-task', stringOption(v, 'shards-per-task')) ?? 1,
      dryRun: v['dry-run'] === true,
      useScores: v['use-scores'] === true,
      gatherLimit: gather,
      rules: parseRules(stringOption(v, 'rules')),
      slurm: { partition: stringOption(v, 'partition'), time: stringOption(v, 'time'), cpusPerTask: cpus, extra, poll },
      selectors,
      directions,
      sample: { rate, seed },
      model: models.length ? { path: models[0], config: stringOption(v, 'model-config') } : null,
      export: exportOptions,
    };
  },
  async run(o, values, io) {
    const { localEngine, slurmEngine } = await import('../run/engines');
    const driver = await import('../run/driver');
    const engine = o.engine === 'slurm' ? slurmEngine(o.perTask, o.slurm) : localEngine(o.tasks, o.perTask);
    const model = o.model ? await driver.modelRef(o.model.path, o.model.config) : null;
    const ctx = { work: o.work, engine, dryRun: o.dryRun, progress: io.err, useScores: o.useScores, gatherLimit: o.gatherLimit, model };
    const shards = await driver.shardsOf(o.paths, o.work);
    try {
      if (o.step === 'score') return await driver.runScoreStep(ctx, shards, o.rules);
      if (o.step === 'measure') {
        const { spec, merged, sampleFile } = await driver.runMeasureStep(ctx, shards, o.selectors, o.directions, o.rules, o.sample);
        if (values.json) return JSON.stringify({ ...merged, figures: `${spec.outDir}/merged.json`, sample: sampleFile });
        return (
          `measured ${merged.documents} documents in ${merged.shards} shards (${merged.sources.length} sources; ${o.selectors.map((s) => `${s}: ${merged.selectors[s].scored} scored, ${merged.selectors[s].missing} without a score`).join('; ')}): ${spec.outDir}/merged.json` +
          (sampleFile ? `\nsample: ${sampleFile} (open it in Sift: it carries the corpus's figures)` : '')
        );
      }
      return await driver.runExportSteps(ctx, o.paths, shards, { ...o.export!, rules: o.rules }, `sift run ${process.argv.slice(3).join(' ')}`);
    } catch (error) {
      if (error instanceof driver.DryRunStop) return error.message;
      throw error;
    }
  },
};
