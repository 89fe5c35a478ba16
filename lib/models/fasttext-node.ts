/**
 * fastText in Node through fasttext.wasm.js (fastText's own C++ compiled to WebAssembly):
 * the same predictions as `fasttext predict-prob`.
 */
import { pathToFileURL } from 'node:url';
import { predictDocument, type FastTextConfig, type FastTextPredictor } from './fasttext-config';


export interface FastTextScorer {
  config: FastTextConfig;
  /** Per document: the score (NaN without text) and the top label (null without text). */
  score(texts: Array<string | null>): { scores: Float64Array; top: Array<string | null> };
}

/** The shipped lid.176 model's file, inside the npm package. */
export async function lid176Path(): Promise<string> {
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  return require.resolve('fasttext.wasm.js/dist/models/language-identification/assets/lid.176.ftz');
}

export async function loadFastText(path: string, config: FastTextConfig): Promise<FastTextScorer> {
  const { getFastTextClass, getFastTextModule } = await import('fasttext.wasm.js');
  const FastText = await getFastTextClass({ getFastTextModule });
  let model: FastTextPredictor;
  try {
    model = (await new FastText().loadModel(pathToFileURL(path).href)) as unknown as FastTextPredictor;
  } catch (error) {
    throw new Error(`${path}: not a fastText model (.bin or .ftz) fastText can load: ${String(error)}`, { cause: error });
  }
  return {
    config,
    score(texts) {
      const scores = new Float64Array(texts.length).fill(NaN);
      const top: Array<string | null> = texts.map(() => null);
      texts.forEach((t, i) => {
        if (t === null) return;
        const p = predictDocument(model, t, config);
        scores[i] = p.score;
        top[i] = p.top;
      });
      return { scores, top };
    },
  };
}
