/** `sift score`: the heuristic scorer (worker threads) or ONNX models (onnxruntime-node) over every document. */
import { parseRules } from '../../scoring/rows';
import type { RuleSet } from '../../scoring/names';
import { badLinePolicy, countOption, listOption, stringOption, warningLines, type Command } from '../command';
import { outputFormat } from '../score';

type ScoreRun =
  | { kind: 'heuristic'; files: string[]; out: string; rules: RuleSet[]; workers: number | undefined }
  | { kind: 'model'; files: string[]; out: string; models: string[]; config: string | undefined; threads: number | undefined };

export const score: Command<ScoreRun> = {
  parse(files, values) {
    if (files.length === 0) throw new Error('score needs at least one file');
    const out = stringOption(values, 'out');
    if (!out) throw new Error('score needs --out PATH.jsonl or PATH.parquet');
    outputFormat(out);
    const models = listOption(values, 'model');
    if (models.length === 0) return { kind: 'heuristic', files, out, rules: parseRules(stringOption(values, 'rules')), workers: countOption('workers', stringOption(values, 'workers')) };
    const config = stringOption(values, 'model-config');
    if (config && models.length > 1) throw new Error('--model-config goes with a single --model (give each model its .json beside it)');
    if (values.rules !== undefined) throw new Error('--rules is for the heuristic scorer; with --model, run sift score twice');
    return { kind: 'model', files, out, models, config, threads: countOption('threads', stringOption(values, 'threads')) };
  },
  async run(o, values) {
    if (o.kind === 'model') {
      const { runModelScore } = await import('../model-score');
      const r = await runModelScore(o.files, o.models.map((model) => ({ model, config: o.config })), { out: o.out, threads: o.threads, badLines: badLinePolicy(values) });
      if (values.json) return JSON.stringify(r, null, 2);
      return (
        `wrote ${r.out}: ${r.documents} documents (${r.selectors.join(', ')}), ${(r.bytes / 1e6).toFixed(1)} MB of text in ${r.seconds.toFixed(1)} s ` +
        `(${(r.documents / r.seconds).toFixed(0)} docs/s, ${(r.bytes / 1e6 / r.seconds).toFixed(2)} MB/s)` +
        warningLines(r.warnings)
      );
    }
    const { runScore } = await import('../score');
    const r = await runScore(o.files, { out: o.out, rules: o.rules, workers: o.workers, badLines: badLinePolicy(values) });
    if (values.json) return JSON.stringify(r, null, 2);
    const mbps = r.bytes / 1e6 / r.seconds;
    return (
      `wrote ${r.out}: ${r.documents} documents, ${(r.bytes / 1e6).toFixed(1)} MB of text in ${r.seconds.toFixed(1)} s ` +
      `(${mbps.toFixed(1)} MB/s, ${(mbps / r.workers).toFixed(1)} MB/s per worker, ${r.workers} workers)` +
      warningLines(r.warnings)
    );
  },
};
