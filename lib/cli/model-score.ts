/**
 * `sift score --model`: the page's model runner in Node (onnxruntime-node):
 * the same config checks, encoders and batching, so the scores agree with the
 * browser's. One row per document, in input order: doc_id and one column per
 * score output of each model (null where a document has no text).
 */
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BadLinePolicy } from '../data/jsonl-parser';
import { buildJsonlToParquetStatement } from '../data/sql/tables';
import { shardWarnings } from '../data/warnings';
import { loadModel, readModelConfig, scoreLoaded, type LoadedModel } from '../models/node';
import { LID176_CONFIG, parseFastTextConfig } from '../models/fasttext-config';
import { lid176Path, loadFastText } from '../models/fasttext-node';
import { loadTextDataset } from './load';
import { projectRoot } from './paths';
import { refuseOverwritingInputs, writeAtomically } from './safe-output';
import { outputFormat } from './score';

export interface ModelArg {
  model: string;
  config?: string;
}

export interface ModelScoreReport {
  out: string;
  documents: number;
  bytes: number;
  seconds: number;
  selectors: string[];
  /** What loading repaired or skipped, per file (shardWarnings). */
  warnings: string[];
}

const SHIPPED_DIR = join(projectRoot(), 'lib/models/generated/');
/** The shipped fastText language identifier (lid.176 from the npm package fasttext.wasm.js): language and language_score, as FineWeb computes them. */
const LID176 = 'lid176';

const isFastText = (path: string) => /\.(bin|ftz)$/i.test(path);

/** A model path, or the name of a shipped model (quality, byte-lm); its config defaults to the .json beside it. */
export function resolveModel(arg: ModelArg): { model: string; config: string } {
  if (isFastText(arg.model)) {
    if (!existsSync(arg.model)) throw new Error(`--model: no such file ${arg.model}`);
    const config = arg.config ?? arg.model.replace(/\.(bin|ftz)$/i, '') + '.json';
    if (!existsSync(config)) throw new Error(`no model config: ${config} does not exist (pass --model-config FILE with {"kind": "fasttext", "label": "__label__…"})`);
    return { model: arg.model, config };
  }
  if (arg.model === LID176) return { model: LID176, config: arg.config ?? '' };
  const model = existsSync(arg.model) || arg.model.includes('/') || arg.model.endsWith('.onnx') ? arg.model : join(SHIPPED_DIR, `${arg.model}.onnx`);
  if (!existsSync(model)) throw new Error(`--model: no such file ${model}${model.startsWith(SHIPPED_DIR) ? ' (shipped models are quality and byte-lm, built by npm run setup, which npm start and npm test run)' : ''}`);
  const config = arg.config ?? model.replace(/\.onnx$/i, '') + '.json';
  if (!existsSync(config)) throw new Error(`no model config: ${config} does not exist (pass --model-config FILE)`);
  return { model, config };
}

export async function runModelScore(files: string[], models: ModelArg[], options: { out: string; threads?: number; batch?: number; badLines?: BadLinePolicy }): Promise<ModelScoreReport> {
  const format = outputFormat(options.out);
  const loaded: LoadedModel[] = [];
  const resolved = models.map(resolveModel);
  await refuseOverwritingInputs(
    [{ path: options.out, flag: '--out' }],
    [...files.map((f) => ({ path: f, what: 'an input file' })), ...resolved.flatMap((r) => [{ path: r.model, what: 'a model file' }, { path: r.config, what: 'a model config' }]).filter((x) => x.path !== '' && x.path !== 'lid176')],
  );
  // Each model as columns and a scoring function: ONNX models (their configs' scores), fastText (a probability and perhaps the top label).
  const scorers: Array<{ columns: Array<[string, 'DOUBLE' | 'VARCHAR']>; score: (texts: Array<string | null>) => Promise<Array<Float64Array | Array<string | null>>> }> = [];
  for (const [k, r] of resolved.entries()) {
    if (r.model === LID176 || isFastText(r.model)) {
      const config = r.model === LID176 && !models[k].config ? LID176_CONFIG : parseFastTextConfig(JSON.parse(readFileSync(r.config, 'utf8')), r.config);
      const ft = await loadFastText(r.model === LID176 ? await lid176Path() : r.model, config);
      scorers.push({
        columns: [[config.name, 'DOUBLE'], ...(config.topLabelColumn ? [[config.topLabelColumn, 'VARCHAR'] as [string, 'VARCHAR']] : [])],
        score: async (texts) => {
          const { scores, top } = ft.score(texts);
          return config.topLabelColumn ? [scores, top] : [scores];
        },
      });
      continue;
    }
    const m = await loadModel(r.model, readModelConfig(r.config), options.threads);
    loaded.push(m);
    scorers.push({ columns: m.config.scores.map((s) => [s.name, 'DOUBLE']), score: (texts) => scoreLoaded(m, texts) });
  }
  const selectors = scorers.flatMap((s) => s.columns.map(([name]) => name));
  const dup = selectors.find((s, i) => selectors.indexOf(s) !== i);
  if (dup) throw new Error(`two models name the selector "${dup}"; rename one in its config`);
  const { conn, dataset, textRange } = await loadTextDataset(files, options.badLines);
  const tmp = format === 'parquet' ? mkdtempSync(join(tmpdir(), 'sift-score-')) : null;
  const batch = options.batch ?? 1024;
  try {
    return await writeAtomically([options.out], async ([target]) => {
      const jsonlPath = tmp ? join(tmp, 'rows.jsonl') : target;
      const t0 = performance.now();
      const out = createWriteStream(jsonlPath);
      let bytes = 0;
      for (let start = 0; start < dataset.summary.rows; start += batch) {
        const rows = await conn.query(textRange(start, start + batch));
        const texts = rows.map((r) => (r.text === null || r.text === undefined ? null : String(r.text)));
        for (const t of texts) bytes += t ? Buffer.byteLength(t) : 0;
        const columns: Array<[string, Float64Array | Array<string | null>]> = [];
        for (const s of scorers) {
          const values = await s.score(texts);
          s.columns.forEach(([name], k) => columns.push([name, values[k]]));
        }
        const lines = rows.map((r, i) => {
          const row: Record<string, unknown> = { doc_id: String(r.doc_id) };
          for (const [name, values] of columns) {
            const v = values[i];
            row[name] = typeof v === 'number' ? (Number.isFinite(v) ? v : null) : v;
          }
          return JSON.stringify(row);
        });
        if (!out.write(lines.join('\n') + '\n')) await once(out, 'drain');
      }
      out.end();
      await once(out, 'finish');
      if (tmp) {
        await conn.exec(buildJsonlToParquetStatement(jsonlPath, [['doc_id', 'VARCHAR'], ...scorers.flatMap((s) => s.columns)], target));
      }
      return { out: options.out, documents: dataset.summary.rows, bytes, seconds: (performance.now() - t0) / 1000, selectors, warnings: shardWarnings(dataset) };
    });
  } finally {
    conn.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}
