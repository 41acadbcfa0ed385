import { defineConfig } from 'vitest/config';
import os from 'node:os';
import path from 'node:path';

const alias = { '@': path.resolve(import.meta.dirname) };
const shared = ['app/**/*.test.ts', 'bench/**/*.test.ts', 'components/**/*.test.ts', 'lib/**/*.test.ts', 'db/**/*.test.ts', 'jobs/**/*.test.ts', 'sandbox/**/*.test.ts', 'scripts/**/*.test.ts'];

// Two projects: everything on the embedded database (PGlite), and — when DATABASE_URL is set —
// the database tests again on real PostgreSQL, plus the *.pg.test.ts files (row locks, concurrency)
// that only mean something on a server.
export default defineConfig({
  resolve: { alias },
  test: {
    // Vitest's default is one fewer worker than cores: one on a 2-core CI machine, where most test
    // time is spent waiting on PostgreSQL, the sandbox's HTTP or timers. Two keep both cores busy.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
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
