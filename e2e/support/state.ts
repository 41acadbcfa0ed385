import fs from 'node:fs';
import path from 'node:path';
import type { E2eUser } from './users';

// The spec side of what scripts/e2e.ts prepares before the server starts. Nothing here opens the
// database: once the server runs it is the only process allowed to (an embedded folder has one owner).

function stateDir(): string {
  const dir = process.env.E2E_STATE_DIR;
  if (!dir) throw new Error('E2E_STATE_DIR is not set: run the browser tests through `npm run test:e2e`, which seeds the database and writes the sessions first.');
  return dir;
}

/** Where the runner writes a user's session and a spec seed's output (both sides use these). */
export const sessionFileIn = (dir: string, who: string) => path.join(dir, 'sessions', `${who}.json`);
export const seedFileIn = (dir: string, spec: string) => path.join(dir, 'seeds', `${spec}.json`);

/** A Playwright storage state holding a session cookie of the seeded user: `test.use({ storageState: sessionFile('admin') })`. */
export const sessionFile = (who: E2eUser) => sessionFileIn(stateDir(), who);

/**
 * What the seed module beside a spec returned (`e2e/forms/bad-input.seed.ts` → `readSeed('forms/bad-input')`).
 * Import only its type from the seed module, so no server code loads into the browser tests.
 */
export function readSeed<T>(spec: string): T {
  const file = seedFileIn(stateDir(), spec);
  if (!fs.existsSync(file)) throw new Error(`No seed output for ${spec}: is there an e2e/${spec}.seed.ts exporting seed()?`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

/** Screenshots a person looks at after the run, in this run's output folder (E2E_OUTPUT_DIR). */
export const screenshotPath = (name: string) => path.join(process.env.E2E_OUTPUT_DIR || 'test-results', 'screens', name);
