/**
 * A sample that says what it is a sample of: the full corpus's figures, carried in the
 * sample's Parquet key-value metadata under `sift_corpus` (written by `sift run measure
 * --sample-rate R`), or declared by the user with the corpus's size. The views show the
 * sample's exact figures and, beside them, intervals and extrapolations to the corpus.
 */
import { InputError } from './errors';

export const CORPUS_FIGURES_KEY = 'sift_corpus';

export interface CorpusFigures {
  kind: 'sift-corpus';
  /** Documents in the full corpus. */
  documents: number;
  sample: { documents: number; rate: number | null; seed: number | null; method: string };
  /** Per source, largest first (absent when only the size was declared). */
  sources: Array<{ source: string | null; documents: number; chars: number; tokens: number }>;
  selectors: Record<string, { scored: number; missing: number; min: number | null; max: number | null }>;
  shards: number | null;
  /** The run that measured the corpus (its measure step's id), when one did. */
  run: string | null;
}

const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;

/** Reads the figures from their JSON text; an error names the file and what was expected. */
export function parseCorpusFigures(text: string, file: string): CorpusFigures {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InputError('bad_stats', `${file}: the ${CORPUS_FIGURES_KEY} metadata is not JSON`, { file });
  }
  const v = value as Partial<CorpusFigures>;
  if (v?.kind !== 'sift-corpus' || !isCount(v.documents) || !v.sample || !isCount(v.sample.documents) || !Array.isArray(v.sources)) {
    throw new InputError('bad_stats', `${file}: the ${CORPUS_FIGURES_KEY} metadata is not a corpus figures record (expected kind "sift-corpus", documents, sample.documents, sources)`, { file });
  }
  for (const s of v.sources) if (!isCount(s?.documents)) throw new InputError('bad_stats', `${file}: a source in ${CORPUS_FIGURES_KEY} has no document count`, { file });
  return { selectors: {}, shards: null, run: null, ...v } as CorpusFigures;
}

/** Figures for a sample whose corpus the user declared by its size only. */
export function declaredCorpus(documents: number, sampleDocuments: number): CorpusFigures {
  return { kind: 'sift-corpus', documents, sample: { documents: sampleDocuments, rate: null, seed: null, method: 'declared by the user' }, sources: [], selectors: {}, shards: null, run: null };
}
