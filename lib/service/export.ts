/** The Export page: near-duplicate signatures as the text streams in, then the one export pipeline. */
import { readSourceBytes, type BrowserSource } from '../data/ingest-browser';
import type { FileFormat } from '../data/formats';
import { buildExport, needsParquet, needsSignatures, type ExportResult } from '../export/build';
import type { ExportOptions } from '../export/command';
import type { RowLocations } from '../export/corpus';
import { MINHASH, writeSignatures } from '../export/minhash';
import type { AnnotationRecord } from '../export/overrides';
import type { ParquetModule } from '../export/parquet';
import type { SelectionState } from './state';

/** What the page sends beside the options: what it read from its DuckDB and its files. */
export interface PageExportInputs {
  tagRows: Uint8Array | null;
  annotations: { records: AnnotationRecord[]; fingerprint: string } | null;
  corpus: { sources: Array<{ format: FileFormat; src: BrowserSource }>; locations: RowLocations } | null;
}

export class ExportView {
  private signatures: Uint32Array | null = null;
  private signed = 0;
  private parquet: Promise<ParquetModule> | null = null;

  constructor(
    private readonly state: SelectionState,
    private readonly loadParquet: () => Promise<ParquetModule>,
  ) {
    state.onReset(() => {
      this.signatures = null;
      this.signed = 0;
    });
  }

  /** MinHash signatures for the redundancy penalty, computed here as the page streams the text in (start = first row). */
  addSignatureTexts(start: number, texts: Array<string | null>): number {
    const n = this.state.rowCount();
    if (start === 0 || !this.signatures) {
      this.signatures = new Uint32Array(n * MINHASH.hashes);
      this.signed = 0;
    }
    writeSignatures(this.signatures, start, texts);
    this.signed = Math.max(this.signed, start + texts.length);
    return this.signed;
  }

  hasSignatures(): boolean {
    return this.signatures !== null && this.signed === this.state.rowCount();
  }

  /**
   * An export's bytes: the same pipeline as `sift export`, so the files are
   * identical. For a corpus, the input files are read here, from the sources the page loaded.
   */
  async export(name: string, options: ExportOptions, inputs: PageExportInputs): Promise<ExportResult & { ms: number }> {
    const t0 = performance.now();
    if (needsSignatures(options) && !this.hasSignatures()) throw new Error('the near-duplicate signatures are not computed');
    this.parquet ??= needsParquet(options) ? this.loadParquet() : null;
    const result = await buildExport(this.state.facts(), this.state.index(name), this.state.scoresOf(name), options, {
      docIds: this.state.docIds(),
      tagRows: inputs.tagRows,
      annotations: inputs.annotations,
      signatures: needsSignatures(options) ? this.signatures : null,
      corpus: inputs.corpus
        ? {
            locations: inputs.corpus.locations,
            sources: inputs.corpus.sources.map(({ format, src }) => ({ name: src.name, format, read: () => readSourceBytes(src, format === 'jsonl.gz') })),
          }
        : null,
      parquet: needsParquet(options) ? await this.parquet : null,
    });
    return { ...result, ms: performance.now() - t0 };
  }
}
