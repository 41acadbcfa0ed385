import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // PGlite ships WASM and must be loaded by Node, not bundled.
  serverExternalPackages: ['@electric-sql/pglite', 'postgres', 'bcryptjs', '@react-pdf/renderer', 'bwip-js'],
  poweredByHeader: false,
};

export default nextConfig;
