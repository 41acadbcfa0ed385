import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const root = path.dirname(fileURLToPath(import.meta.url));

/**
 * The layers point one way: app → lib → db, components → lib, jobs → lib, and db imports nothing of
 * ours. The sandbox is "Amazon" and shares only the SP-API payload schemas (lib/fba/sp-api/models).
 * scripts/, bench/, test/ and e2e/ may use anything; tests follow their folder's direction (see
 * layerZones). import/no-restricted-paths checks the resolved file, so `@/…`, relative paths,
 * `import type`, `export … from` and `import()` are all caught; scripts/lint-layers.test.ts shows it.
 */
const DRIVERS = ['./node_modules/drizzle-orm', './node_modules/postgres', './node_modules/@electric-sql/pglite'];
const TOOLS = ['./scripts', './e2e', './bench'];
const TEST_FILES = ['**/*.test.ts', '**/*.test.tsx', 'lib/**/testing/**'];
const DIRECTIONS = 'The layers point app → lib → db (components → lib, jobs → lib); see Layout in README.md.';

function layerZones({ tests }) {
  // Tests may also use the test/ helpers, start the sandbox (lib tests talk to it as to Amazon) and
  // read tables to check what a screen or an action left behind.
  const helpers = tests ? [] : ['./test', './sandbox'];
  const testHelpers = tests ? [] : ['./test'];
  const queries = tests ? [] : DRIVERS;
  const zones = [
    { target: './db', from: ['./app', './components', './lib', './jobs', ...helpers, ...TOOLS], message: `db/ imports nothing of ours. ${DIRECTIONS}` },
    { target: './lib', from: ['./app', './components', './jobs', ...helpers, ...TOOLS], message: `lib/ may import only lib/ and db/. ${DIRECTIONS}` },
    {
      target: './components',
      from: ['./app', './db', './jobs', './sandbox', ...testHelpers, ...TOOLS, ...DRIVERS],
      message: `components/ may import only lib/ (and no database code). ${DIRECTIONS}`,
    },
    {
      target: ['./app', './proxy.ts'],
      from: ['./jobs', './sandbox', ...testHelpers, ...TOOLS, ...queries],
      message: `No SQL and no jobs in app/: call a lib/ function. ${DIRECTIONS}`,
    },
    { target: './jobs', from: ['./app', './components', './sandbox', ...testHelpers, ...TOOLS, ...queries], message: `jobs/ only schedules lib/ functions. ${DIRECTIONS}` },
    { target: './sandbox', from: ['./app', './components', './db', './jobs', ...testHelpers, ...TOOLS], message: 'The sandbox is Amazon: it imports nothing of the app.' },
    { target: './sandbox', from: './lib', except: ['./fba/sp-api/models'], message: "The sandbox is Amazon: of lib/ it shares only Amazon's payload schemas (lib/fba/sp-api/models)." },
  ];
  // `@/db` itself (getDb and the Db type) is the handle a page or the worker passes to lib/.
  if (!tests)
    zones.push({ target: ['./app', './proxy.ts', './jobs'], from: './db', except: ['./index.ts'], message: `Only the handle from '@/db' may be used here; queries live in lib/. ${DIRECTIONS}` });
  return zones;
}

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ['.next/**', '.next-*/**', 'test-results-*/**', 'node_modules/**', '.data/**', 'drizzle/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'],
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: TEST_FILES,
    rules: { 'import/no-restricted-paths': ['error', { basePath: root, zones: layerZones({ tests: false }) }] },
  },
  {
    files: TEST_FILES,
    rules: { 'import/no-restricted-paths': ['error', { basePath: root, zones: layerZones({ tests: true }) }] },
  },
  {
    // Links come from components/ui/link.tsx: a plain <a> the root layout's SoftNavigation follows
    // without a reload. next/link prefetched every link in view (20 to 40 times the server's work
    // for one page view) and, a client component per link, cost up to a tenth of a list page's render.
    files: ['app/**/*.tsx', 'components/**/*.tsx', 'lib/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'next/link', message: 'Import Link from @/components/ui/link: a plain <a> that moves without a reload, with no client component or prefetch per link.' }] }],
    },
  },
  {
    // A button that works only through the page's script is dead until the page hydrates: a click
    // then is lost (components/ui/script-controls.tsx). ScriptButton is disabled until then.
    files: ['app/**/*.tsx', 'components/**/*.tsx', 'lib/**/*.tsx'],
    ignores: ['components/ui/script-controls.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXOpeningElement[name.name='button'] > JSXAttribute[name.name='type'][value.value='button']",
          message: 'Use ScriptButton from @/components/ui/script-controls: disabled until the page hydrates, so an early click is not lost.',
        },
        {
          selector: "JSXOpeningElement[name.name='button']:not(:has(JSXAttribute[name.name='type']))",
          message: 'Give the <button> its type: "submit" for a form that posts, or ScriptButton for one that works through the page’s script.',
        },
      ],
    },
  },
  {
    // A spec's `test` comes from e2e/support/test.ts, whose fixture runs axe-core on every screen the
    // test visits; Playwright's own `test` would skip that check silently.
    files: ['e2e/**/*.ts'],
    ignores: ['e2e/support/test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@playwright/test', importNames: ['test'], message: "Import { test, expect } from e2e/support/test: it checks every screen a test visits with axe-core." }] },
      ],
    },
  },
];

export default config;
