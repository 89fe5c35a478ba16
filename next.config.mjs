/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native bindings (the CLI's DuckDB, the annotation store's SQLite) are never bundled.
  serverExternalPackages: ['@duckdb/node-api', 'better-sqlite3'],
  async headers() {
    // Static assets and API answers are not HTML, but keep them from being sniffed as such.
    return [{ source: '/:path*', headers: [{ key: 'X-Content-Type-Options', value: 'nosniff' }] }];
  },
};

export default nextConfig;
