/**
 * Models in Node (the CLI, the training script's evaluation, tests):
 * onnxruntime-node's CPU provider with the same config parser, checks,
 * encoders and batching as the page.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { parseModelConfig, type ModelConfig } from './config';
import { withPreset } from './presets';
import { assertModelFits, assertTokenizerFits, makeEncoder, scoreTexts, type Encoder, type OrtModule, type OrtSessionLike } from './run';

export interface LoadedModel {
  config: ModelConfig;
  session: OrtSessionLike;
  encode: Encoder;
  label: string;
}

/** Reads a config file, and the tokenizer.json it names (beside it) for the tokenizer encoding. */
export function readModelConfig(path: string): ModelConfig {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`cannot read the model config ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { cause: e });
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (e) {
    throw new Error(`${path}: not valid JSON (${(e as Error).message})`, { cause: e });
  }
  // A preset fills in the encoding (and names tokenizer.json) when the config itself does not.
  const enc = withPreset(json as Record<string, unknown>, (m) => {
    throw new Error(`${path}: ${m}`);
  }).encoding as { type?: string; file?: string } | undefined;
  let tokenizer: unknown;
  if (enc?.type === 'tokenizer') {
    const file = join(dirname(path), enc.file ?? 'tokenizer.json');
    try {
      tokenizer = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new Error(`${path}: cannot read the tokenizer ${file} (${(e as Error).message})`, { cause: e });
    }
  }
  return parseModelConfig(path, json, tokenizer);
}

export async function loadModel(modelPath: string, config: ModelConfig | Record<string, unknown>, threads?: number): Promise<LoadedModel> {
  const parsed = 'encoding' in config && typeof (config as ModelConfig).maxLength === 'number' ? (config as ModelConfig) : parseModelConfig(`${modelPath} config`, config);
  const session = await ort.InferenceSession.create(readFileSync(modelPath), {
    executionProviders: ['cpu'],
    ...(threads ? { intraOpNumThreads: threads } : {}),
  });
  const label = basename(modelPath);
  assertModelFits(label, parsed, session as unknown as OrtSessionLike);
  await assertTokenizerFits(ort as unknown as OrtModule, label, parsed, session as unknown as OrtSessionLike);
  return { config: parsed, session: session as unknown as OrtSessionLike, encode: makeEncoder(parsed), label };
}

/** Scores texts with a model file and its config; one array per score output. */
export async function scoreWithOnnx(modelPath: string, config: ModelConfig | Record<string, unknown>, texts: ReadonlyArray<string | null>, threads?: number): Promise<Float64Array[]> {
  const model = await loadModel(modelPath, config, threads);
  return scoreLoaded(model, texts);
}

export function scoreLoaded(model: LoadedModel, texts: ReadonlyArray<string | null>): Promise<Float64Array[]> {
  return scoreTexts(ort as unknown as OrtModule, model.session, model.config, model.encode, texts);
}
