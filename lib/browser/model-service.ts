/**
 * What the model worker (workers/model.worker.ts) runs: onnxruntime-web with WebGPU, falling back to
 * (multi-threaded) WASM, scoring batches of texts with one ONNX model. It
 * reports which execution provider runs and why the other did not.
 */
import * as Comlink from 'comlink';
import * as ort from 'onnxruntime-web/webgpu';
import { parseModelConfig, type ModelConfig } from '../models/config';
import { assertModelFits, makeEncoder, scoreTexts, type Encoder, type OrtModule, type OrtSessionLike } from '../models/run';
import { utf8Length } from '../util/utf8';

export type ProviderChoice = 'auto' | 'wasm';

export interface LoadedInfo {
  provider: 'webgpu' | 'wasm';
  /** Why this provider (e.g. "WebGPU unavailable: no adapter"). */
  reason: string;
  threads: number;
}

let loaded: { session: ort.InferenceSession; config: ModelConfig; encode: Encoder } | null = null;
let configured = false;

/** WASM runtime settings can be set once, before the first session. */
function configureWasm(threads: number): number {
  if (!configured) {
    ort.env.wasm.wasmPaths = '/vendor/ort/';
    ort.env.wasm.numThreads = self.crossOriginIsolated ? threads : 1;
    ort.env.logLevel = 'error';
    configured = true;
  }
  return Number(ort.env.wasm.numThreads);
}

async function webgpuProblem(): Promise<string | null> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) return 'WebGPU unavailable: this browser exposes no navigator.gpu';
  try {
    const adapter = await gpu.requestAdapter();
    return adapter ? null : 'WebGPU unavailable: no adapter';
  } catch (e) {
    return `WebGPU unavailable: requestAdapter failed (${(e as Error).message})`;
  }
}

export const modelApi = {
  async load(model: ArrayBuffer, label: string, configJson: unknown, tokenizerJson: unknown, options: { provider: ProviderChoice; threads: number }): Promise<LoadedInfo> {
    const threads = configureWasm(Math.max(1, options.threads));
    const parsed = parseModelConfig(`${label} config`, configJson, tokenizerJson);
    await loaded?.session.release();
    loaded = null;
    const bytes = new Uint8Array(model);
    // A session on one provider, kept only if the model fits its config.
    const open = async (provider: 'webgpu' | 'wasm') => {
      const session = await ort.InferenceSession.create(bytes, { executionProviders: [provider], logSeverityLevel: 3 });
      try {
        assertModelFits(label, parsed, session as unknown as OrtSessionLike);
      } catch (e) {
        await session.release();
        throw e;
      }
      loaded = { session, config: parsed, encode: makeEncoder(parsed) };
    };
    let reason: string;
    if (options.provider === 'wasm') reason = 'WASM chosen';
    else {
      const problem = await webgpuProblem();
      if (!problem) {
        try {
          await open('webgpu');
          return { provider: 'webgpu', reason: 'WebGPU adapter found', threads };
        } catch (e) {
          if ((e as Error).name === 'ModelMismatchError') throw e;
          reason = `WebGPU failed: ${(e as Error).message}`;
        }
      } else reason = problem;
    }
    await open('wasm');
    const isolation = self.crossOriginIsolated ? '' : ' (1 thread: the page is not cross-origin isolated)';
    return { provider: 'wasm', reason: reason + isolation, threads };
  },

  /** One Float64Array per score output, in config order, and the texts' UTF-8 bytes (for MB/s). */
  async score(texts: Array<string | null>) {
    if (!loaded) throw new Error('no model is loaded');
    const scores = await scoreTexts(ort as unknown as OrtModule, loaded.session as unknown as OrtSessionLike, loaded.config, loaded.encode, texts);
    let bytes = 0;
    for (const t of texts) if (t) bytes += utf8Length(t);
    return Comlink.transfer({ scores, bytes }, scores.map((a) => a.buffer));
  },
};

export type ModelWorkerApi = typeof modelApi;
