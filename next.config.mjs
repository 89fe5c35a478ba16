/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The CLI's DuckDB binding is native and never bundled.
  serverExternalPackages: ['@duckdb/node-api'],
  async headers() {
    // Static assets and API answers are not HTML, but keep them from being sniffed as such.
    return [{ source: '/:path*', headers: [{ key: 'X-Content-Type-Options', value: 'nosniff' }] }];
  },
};

export default nextConfig;
