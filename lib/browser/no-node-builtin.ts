/**
 * Stands in for Node built-ins that a browser bundle names but never runs: fasttext.wasm.js
 * imports fs/promises, url and http only on its Node path (next.config.mjs aliases them here
 * for the browser).
 */
export {};
