/**
 * Text of large Parquet files, read by row when shown (the text column stays
 * out of DuckDB). Without an offset index (DuckDB writes none) one row costs a
 * whole row group's decode, so decoded groups are kept as compact UTF-8 bytes
 * plus offsets in an LRU bounded by bytes, and all groups are decoded in the
 * background after loading (while the budget lasts), so reads are then instant.
 */
import { parquetMetadataAsync, parquetRead, type AsyncBuffer, type FileMetaData } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { BrowserSource } from './ingest-browser';

interface OpenFile {
  buffer: AsyncBuffer;
  metadata: FileMetaData;
  column: string;
  /** First row of each row group, plus the total at the end. */
  starts: number[];
}

/** Decoded text kept, in UTF-8 bytes. */
export const TEXT_CACHE_BYTES = 384 * 1024 * 1024;

interface DecodedGroup {
  bytes: Uint8Array;
  /** offsets[i]..offsets[i+1] is row i; -1 at offsets[i+1] marks a null. */
  offsets: Int32Array;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function packTexts(texts: unknown[][]): DecodedGroup {
  let capacity = 0;
  for (const r of texts) capacity += typeof r[0] === 'string' ? (r[0] as string).length * 3 : 0;
  const bytes = new Uint8Array(capacity);
  const offsets = new Int32Array(texts.length + 1);
  const nulls: number[] = [];
  let pos = 0;
  texts.forEach((r, i) => {
    const t = r[0];
    if (t === null || t === undefined) nulls.push(i);
    else pos += encoder.encodeInto(String(t), bytes.subarray(pos)).written;
    offsets[i + 1] = pos;
  });
  const packed = { bytes: bytes.slice(0, pos), offsets };
  for (const i of nulls) packed.offsets[i + 1] = -1 - packed.offsets[i + 1];
  return packed;
}

function unpack(group: DecodedGroup, i: number): string | null {
  const end = group.offsets[i + 1];
  if (end < 0) return null;
  const prev = group.offsets[i];
  const start = prev < 0 ? -1 - prev : prev;
  return decoder.decode(group.bytes.subarray(start, end));
}

function bufferFor(src: BrowserSource, byteLength: number): AsyncBuffer {
  if (src.kind === 'file') return { byteLength, slice: (start, end) => src.file.slice(start, end).arrayBuffer() };
  return {
    byteLength,
    slice: async (start, end) => {
      const res = await fetch(src.url, { headers: { Range: `bytes=${start}-${(end ?? byteLength) - 1}` } });
      const bytes = await res.arrayBuffer();
      return res.status === 206 ? bytes : bytes.slice(start, end ?? byteLength);
    },
  };
}

export class LazyTextReader {
  private files = new Map<string, OpenFile>();
  private cache = new Map<string, DecodedGroup>();
  private inflight = new Map<string, Promise<DecodedGroup>>();
  private cachedBytes = 0;

  constructor(private readonly budget = TEXT_CACHE_BYTES) {}

  async register(key: string, src: BrowserSource, byteLength: number, column: string, prefetch = true): Promise<void> {
    const buffer = bufferFor(src, byteLength);
    const metadata = await parquetMetadataAsync(buffer);
    const starts = [0];
    for (const rg of metadata.row_groups) starts.push(starts[starts.length - 1] + Number(rg.num_rows));
    this.files.set(key, { buffer, metadata, column, starts });
    if (prefetch) void this.prefetch(key);
  }

  /** Decodes every row group in the background while the cache has room. */
  private async prefetch(key: string): Promise<void> {
    const file = this.files.get(key);
    if (!file) return;
    for (let g = 0; g + 1 < file.starts.length; g++) {
      if (this.files.get(key) !== file || this.cachedBytes >= this.budget * 0.9) return;
      await this.group(key, file, g).catch(() => {});
    }
  }

  /** Bytes of decoded text held now. */
  get heldBytes(): number {
    return this.cachedBytes;
  }

  /** Forgets files whose key does not start with `prefix` (an older dataset). */
  keepOnly(prefix: string): void {
    for (const key of [...this.files.keys()]) if (!key.startsWith(prefix)) this.files.delete(key);
    for (const key of [...this.cache.keys()]) {
      if (!key.startsWith(prefix)) {
        this.cachedBytes -= this.cache.get(key)!.bytes.length;
        this.cache.delete(key);
      }
    }
  }

  private group(key: string, file: OpenFile, g: number): Promise<DecodedGroup> {
    const cacheKey = `${key}#${g}`;
    const hit = this.cache.get(cacheKey);
    if (hit) {
      this.cache.delete(cacheKey);
      this.cache.set(cacheKey, hit);
      return Promise.resolve(hit);
    }
    const running = this.inflight.get(cacheKey);
    if (running) return running;
    const work = (async () => {
      let packed: DecodedGroup = { bytes: new Uint8Array(0), offsets: new Int32Array(1) };
      await parquetRead({
        file: file.buffer,
        metadata: file.metadata,
        columns: [file.column],
        rowStart: file.starts[g],
        rowEnd: file.starts[g + 1],
        compressors,
        onComplete: (rows: unknown[][]) => {
          packed = packTexts(rows);
        },
      });
      if (this.files.get(key) === file) {
        this.cache.set(cacheKey, packed);
        this.cachedBytes += packed.bytes.length;
        for (const [k, v] of this.cache) {
          if (this.cachedBytes <= this.budget || this.cache.size <= 1) break;
          this.cache.delete(k);
          this.cachedBytes -= v.bytes.length;
        }
      }
      return packed;
    })();
    this.inflight.set(cacheKey, work);
    return work.finally(() => this.inflight.delete(cacheKey));
  }

  /** Texts of the given rows (file row numbers), optionally cut to `maxChars`. */
  async read(key: string, rows: number[], maxChars?: number): Promise<Array<string | null>> {
    const file = this.files.get(key);
    if (!file) throw new Error(`text of ${key} is not available`);
    const out: Array<string | null> = new Array(rows.length).fill(null);
    const byGroup = new Map<number, number[]>();
    rows.forEach((row, i) => {
      let lo = 0;
      let hi = file.starts.length - 2;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (file.starts[mid] <= row) lo = mid;
        else hi = mid - 1;
      }
      const list = byGroup.get(lo) ?? [];
      list.push(i);
      byGroup.set(lo, list);
    });
    for (const [g, positions] of byGroup) {
      const group = await this.group(key, file, g);
      for (const i of positions) {
        const t = unpack(group, rows[i] - file.starts[g]);
        out[i] = t !== null && maxChars !== undefined ? t.slice(0, maxChars) : t;
      }
    }
    return out;
  }
}
