// Copies the DuckDB-wasm bundles, parquet-wasm's module and onnxruntime-web's wasm into public/vendor
// so the app serves them from its own origin (nothing is fetched from outside).
import { copyFileSync as copyAlways, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

// Unchanged files are left alone, so their times do not make `npm start` rebuild the app.
const copyFileSync = (from, to) => {
  if (existsSync(to) && statSync(to).size === statSync(from).size && statSync(to).mtimeMs >= statSync(from).mtimeMs) return;
  copyAlways(from, to);
};

const root = new URL('..', import.meta.url).pathname;
const duckdbDist = join(root, 'node_modules/@duckdb/duckdb-wasm/dist');
const target = join(root, 'public/vendor/duckdb');
mkdirSync(target, { recursive: true });
for (const f of ['duckdb-eh.wasm', 'duckdb-mvp.wasm', 'duckdb-browser-eh.worker.js', 'duckdb-browser-mvp.worker.js']) {
  copyFileSync(join(duckdbDist, f), join(target, f));
}

const parquetTarget = join(root, 'public/vendor/parquet');
mkdirSync(parquetTarget, { recursive: true });
copyFileSync(join(root, 'node_modules/parquet-wasm/esm/parquet_wasm_bg.wasm'), join(parquetTarget, 'parquet_wasm_bg.wasm'));

// onnxruntime-web's WebGPU build (WebGPU and WASM providers in one module); the
// worker sets ort.env.wasm.wasmPaths to /vendor/ort/.
const ortTarget = join(root, 'public/vendor/ort');
mkdirSync(ortTarget, { recursive: true });
// The .mjs glue is loaded from there too (and by the WASM threads' workers).
for (const f of ['ort-wasm-simd-threaded.asyncify.wasm', 'ort-wasm-simd-threaded.asyncify.mjs']) {
  copyFileSync(join(root, 'node_modules/onnxruntime-web/dist', f), join(ortTarget, f));
}

// fastText's WebAssembly (fasttext.wasm.js's browser build): the model worker loads it from /vendor/fasttext/.
const fastTextTarget = join(root, 'public/vendor/fasttext');
mkdirSync(fastTextTarget, { recursive: true });
copyFileSync(join(root, 'node_modules/fasttext.wasm.js/dist/core/fastText.common.wasm'), join(fastTextTarget, 'fastText.common.wasm'));
