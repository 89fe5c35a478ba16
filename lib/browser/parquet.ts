/** parquet-wasm's browser build, its wasm served from /vendor (the CLI loads its Node build: the same writer). */
import type { ParquetModule } from '../export/parquet';

let parquet: Promise<ParquetModule> | null = null;

export function loadBrowserParquet(): Promise<ParquetModule> {
  parquet ??= import('parquet-wasm').then(async (m) => {
    await m.default({ module_or_path: `${self.location.origin}/vendor/parquet/parquet_wasm_bg.wasm` });
    return m as unknown as ParquetModule;
  });
  return parquet;
}
