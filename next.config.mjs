/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native bindings (the CLI's DuckDB, the annotation store's SQLite) are never bundled.
  serverExternalPackages: ['@duckdb/node-api', 'better-sqlite3'],
  // fasttext.wasm.js's browser build still names Node built-ins on a path it takes only in Node.
  turbopack: {
    resolveAlias: Object.fromEntries(['fs/promises', 'url', 'http'].map((m) => [m, { browser: './lib/browser/no-node-builtin.ts' }])),
  },
  async headers() {
    // Static assets and API answers are not HTML, but keep them from being sniffed as such.
    // Cross-origin isolation (COOP same-origin + COEP credentialless) lets onnxruntime-web run
    // WASM on several threads (SharedArrayBuffer); credentialless, unlike require-corp, does not
    // block cross-origin subresources. Every response carries it, so workers are isolated too.
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
          { key: 'Cross-Origin-Embedder-Policy', value: 'credentialless' },
        ],
      },
    ];
  },
};

export default nextConfig;
