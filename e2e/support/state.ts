import fs from 'node:fs';
import path from 'node:path';
import { attemptIndex } from './attempts';
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
  const out = seedOutput(spec);
  if (isPerAttempt(out)) throw new Error(`${spec}.seed.ts seeds a copy per attempt: take this attempt's with attemptSeed('${spec}', testInfo).`);
  return out as T;
}

/** The key under which a `perAttempt` seed's copies are written, one per attempt. */
export const PER_ATTEMPT = 'perAttemptCopies';

const outputs = new Map<string, unknown>();

function seedOutput(spec: string): unknown {
  const file = seedFileIn(stateDir(), spec);
  if (!outputs.has(file)) {
    if (!fs.existsSync(file)) throw new Error(`No seed output for ${spec}: is there an e2e/${spec}.seed.ts exporting seed()?`);
    outputs.set(file, JSON.parse(fs.readFileSync(file, 'utf8')));
  }
  return outputs.get(file);
}

const isPerAttempt = (out: unknown): out is Record<typeof PER_ATTEMPT, unknown[]> => typeof out === 'object' && out !== null && Array.isArray((out as Record<string, unknown>)[PER_ATTEMPT]);

/**
 * This attempt's copy of a seed that exports `perAttempt = true` (e2e/support/seeds.ts): the first
 * run of a test takes the first copy, its retry the second, so a retry never meets what the failed
 * attempt left (a seller already registered, orders already downloaded). Call it in the test or a
 * `beforeEach`, where the attempt is known.
 */
export function attemptSeed<T>(spec: string, info: Parameters<typeof attemptIndex>[0]): T {
  const out = seedOutput(spec);
  if (!isPerAttempt(out)) throw new Error(`${spec}.seed.ts does not export perAttempt = true: read it with readSeed('${spec}').`);
  const i = attemptIndex(info);
  if (i >= out[PER_ATTEMPT].length) throw new Error(`${spec} was seeded for ${out[PER_ATTEMPT].length} attempts; this is attempt ${i + 1}. Start the run through npm run test:e2e, which counts --retries and --repeat-each.`);
  return out[PER_ATTEMPT][i] as T;
}

/** Screenshots a person looks at after the run, in this run's output folder (E2E_OUTPUT_DIR). */
export const screenshotPath = (name: string) => path.join(process.env.E2E_OUTPUT_DIR || 'test-results', 'screens', name);
