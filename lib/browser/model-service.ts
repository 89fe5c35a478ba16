/**
 * What the model worker (workers/model.worker.ts) runs: onnxruntime-web with WebGPU, falling back to
 * (multi-threaded) WASM, scoring batches of texts with one ONNX model. It
 * reports which execution provider runs and why the other did not.
 */
import * as Comlink from 'comlink';
import * as ort from 'onnxruntime-web/webgpu';
import { parseModelConfig, type ModelConfig } from '../models/config';
import { assertModelFits, assertTokenizerFits, makeEncoder, scoreTexts, type Encoder, type OrtModule, type OrtSessionLike } from '../models/run';
import { utf8Length } from '../util/utf8';
import { parseFastTextConfig, predictDocument, type FastTextConfig, type FastTextPredictor } from '../models/fasttext-config';

export type ProviderChoice = 'auto' | 'wasm';

export interface LoadedInfo {
  provider: 'webgpu' | 'wasm';
  /** Why this provider (e.g. "WebGPU unavailable: no adapter"). */
  reason: string;
  threads: number;
}

let loaded: { session: ort.InferenceSession; config: ModelConfig; encode: Encoder } | null = null;
let fastText: { model: FastTextPredictor; config: FastTextConfig } | null = null;
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
        await assertTokenizerFits(ort as unknown as OrtModule, label, parsed, session as unknown as OrtSessionLike);
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

  /** A fastText model (.bin or .ftz) with its config: fastText's own C++ as WebAssembly (fasttext.wasm.js), on the CPU. */
  async loadFastText(model: ArrayBuffer, label: string, configJson: unknown): Promise<LoadedInfo> {
    const config = parseFastTextConfig(configJson, `${label} config`);
    const { getFastTextClass, getFastTextModule } = await import('fasttext.wasm.js/common');
    const FastText = await getFastTextClass({ getFastTextModule: () => getFastTextModule({ wasmPath: '/vendor/fasttext/fastText.common.wasm' }) });
    // loadModel fetches a URL: the file's bytes as a blob URL, released once read.
    const url = URL.createObjectURL(new Blob([model]));
    try {
      const ft = (await new FastText().loadModel(url)) as unknown as FastTextPredictor;
      fastText = { model: ft, config };
    } catch (e) {
      throw new Error(`${label}: not a fastText model (.bin or .ftz) fastText can load: ${String(e)}`, { cause: e });
    } finally {
      URL.revokeObjectURL(url);
    }
    return { provider: 'wasm', reason: 'fastText runs as WebAssembly on the CPU (it has no GPU path)', threads: 1 };
  },

  /** The fastText model's score per text (NaN without text), as sift score --model gives it. */
  async scoreFastText(texts: Array<string | null>) {
    if (!fastText) throw new Error('no fastText model is loaded');
    const { model, config } = fastText;
    const scores = new Float64Array(texts.length).fill(NaN);
    let bytes = 0;
    texts.forEach((t, i) => {
      if (t === null) return;
      bytes += utf8Length(t);
      scores[i] = predictDocument(model, t, config).score;
    });
    return Comlink.transfer({ scores: [scores], bytes }, [scores.buffer]);
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
