import { defineConfig } from 'vitest/config';
import path from 'node:path';

const alias = { '@': path.resolve(import.meta.dirname) };
const shared = ['app/**/*.test.ts', 'bench/**/*.test.ts', 'components/**/*.test.ts', 'lib/**/*.test.ts', 'db/**/*.test.ts', 'jobs/**/*.test.ts', 'sandbox/**/*.test.ts', 'scripts/**/*.test.ts'];

// Two projects: everything on the embedded database (PGlite), and — when DATABASE_URL is set —
// the database tests again on real PostgreSQL, plus the *.pg.test.ts files (row locks, concurrency)
// that only mean something on a server.
export default defineConfig({
  resolve: { alias },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true as const,
        test: {
          name: 'pglite',
          include: shared,
          exclude: ['**/*.pg.test.ts', 'node_modules/**'],
          globalSetup: ['test/global-setup.ts'],
          env: { DB_DRIVER: 'pglite' },
        },
      },
      ...(process.env.DATABASE_URL
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: ['**/*.db.test.ts', '**/*.pg.test.ts'],
                exclude: ['node_modules/**'],
                globalSetup: ['test/global-setup.ts'],
                env: { DB_DRIVER: 'postgres' },
              },
            },
          ]
        : []),
    ],
  },
});
