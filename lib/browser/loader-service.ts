/** What the loader worker (workers/loader.worker.ts) runs: parsing files off the main thread (lib/data/ingest-browser does the work). */
import * as Comlink from 'comlink';
import initParquet, { ParquetFile } from 'parquet-wasm';
import { InputError } from '../data/errors';
import type { FileFormat } from '../data/formats';
import { checkSource, inspectParquet, isValidUtf8Source, parseJsonlSource, readSourceBytes, type BrowserSource, type ByteProgress, type ParquetPlan } from '../data/ingest-browser';
import type { BadLinePolicy } from '../data/jsonl-parser';
import { repairUtf8, Utf8Check } from '../util/utf8';

/** Server CSV/TSV files up to this size are read into memory once, not through DuckDB-wasm's HTTP layer. */
const URL_TEXT_IN_MEMORY = 256 * 1024 * 1024;

let parquetReady: Promise<unknown> | null = null;
const openFiles = new Map<number, ParquetFile>();
let nextHandle = 1;

/** InputErrors cross the boundary as plain objects (Comlink keeps only name/message/stack of Errors). */
async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InputError) throw error.toInfo();
    throw error;
  }
}

function initParquetReader(): Promise<unknown> {
  parquetReady ??= initParquet({ module_or_path: `${self.location.origin}/vendor/parquet/parquet_wasm_bg.wasm` });
  return parquetReady;
}

export const loaderApi = {
  async warm(): Promise<void> {
    await initParquetReader();
  },

  async check(src: BrowserSource, format: FileFormat): Promise<number> {
    return guard(() => checkSource(src, format));
  },

  /**
   * A CSV/TSV's checks, then its text: null when it is valid UTF-8 (DuckDB reads the file itself),
   * else a repaired copy and the repairs (DuckDB's reader stops at invalid UTF-8).
   */
  async checkText(
    src: BrowserSource,
    format: FileFormat,
  ): Promise<{ bytes: number; repaired: { bytes: Uint8Array; lines: number; replacedChars: number } | null; contents?: Uint8Array }> {
    return guard(async () => {
      const bytes = await checkSource(src, format);
      // A server file up to a size is read once here and handed to DuckDB as bytes: DuckDB-wasm's own
      // HTTP reads of a small file failed to open it after other loads in the same browser (e2e/pipelines.spec.ts).
      if (src.kind === 'url' && bytes <= URL_TEXT_IN_MEMORY) {
        const contents = await readSourceBytes(src, false);
        const check = new Utf8Check();
        check.push(contents);
        if (check.finish()) return Comlink.transfer({ bytes, repaired: null, contents }, [contents.buffer]);
        const repaired = repairUtf8(contents);
        return Comlink.transfer({ bytes, repaired }, [repaired.bytes.buffer]);
      }
      // Checked as a stream; only a file that needs repair is read whole.
      if (await isValidUtf8Source(src)) return { bytes, repaired: null };
      const repaired = repairUtf8(await readSourceBytes(src, false));
      return Comlink.transfer({ bytes, repaired }, [repaired.bytes.buffer]);
    });
  },

  async parseJsonl(src: BrowserSource, format: 'jsonl' | 'jsonl.gz', policy: BadLinePolicy, onProgress: (p: ByteProgress) => void, attributes: Array<{ experiment: string; src: BrowserSource }> = []) {
    return guard(async () => {
      const result = await parseJsonlSource(src, format, policy, onProgress, attributes);
      return Comlink.transfer(result, [result.ipc.buffer]);
    });
  },

  async openParquet(src: BrowserSource): Promise<{ handle: number; plan: ParquetPlan; bytes: number }> {
    return guard(async () => {
      const bytes = await checkSource(src, 'parquet');
      await initParquetReader();
      let pf: ParquetFile;
      try {
        pf = src.kind === 'file' ? await ParquetFile.fromFile(src.file) : await ParquetFile.fromUrl(src.url);
      } catch (error) {
        throw new InputError('bad_parquet', `${src.name}: not a readable Parquet file: ${String(error)}`, { file: src.name });
      }
      const handle = nextHandle++;
      openFiles.set(handle, pf);
      return { handle, plan: await inspectParquet(pf, src.name), bytes };
    });
  },

  async readParquetGroups(handle: number, name: string, rowGroups: number[], columns: string[]): Promise<Uint8Array> {
    return guard(async () => {
      const pf = openFiles.get(handle);
      if (!pf) throw new Error(`no open Parquet file ${handle}`);
      try {
        const table = await pf.read({ rowGroups, columns, batchSize: 65_536 });
        const ipc = table.intoIPCStream();
        return Comlink.transfer(ipc, [ipc.buffer]);
      } catch (error) {
        throw new InputError('bad_parquet', `${name}: could not read row groups ${rowGroups.join(', ')}: ${String(error)}`, { file: name });
      }
    });
  },

  closeParquet(handle: number): void {
    openFiles.get(handle)?.free();
    openFiles.delete(handle);
  },
};

export type LoaderApi = typeof loaderApi;
