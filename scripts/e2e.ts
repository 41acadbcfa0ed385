/**
 * `npm run test:e2e [playwright args]`: a production build against a fresh database, with the FBA
 * sandbox running. Before the server opens the database (an embedded folder has exactly one owner)
 * this process seeds it: the shared users, then every spec's own seed module (e2e/support/seeds.ts),
 * and writes one stored session per user, so specs start signed in and run in parallel.
 * E2E_WORKERS sets the number of Playwright workers (2 by default, see playwright.config.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateDb, openPglite, openPostgres, type DbHandle } from '@/db/client';
import { bootstrap } from './lib/bootstrap';
import { attemptsPerTest } from '@/e2e/support/attempts';
import { prepareSpecs } from '@/e2e/support/prepare';
import { E2E_USERS } from '@/e2e/support/users';
import { startSandbox } from '@/sandbox/index';
import { ensureBuild } from './lib/build';
import { assertPortFree, startNext, startWorker, stopChild, waitForHealth } from './lib/processes';

const root = process.cwd();
const port = Number(process.env.E2E_PORT || 3100);
const base = `http://127.0.0.1:${port}`;
const secret = 'e2e-secret-not-for-production-000000';

async function freshDatabase(stateDir: string): Promise<{ env: Record<string, string>; handle: DbHandle; drop: () => Promise<void> }> {
  // Embedded by default: it is what a new user runs. E2E_DATABASE_URL runs the specs on a server.
  const serverUrl = process.env.E2E_DATABASE_URL;
  if (serverUrl) {
    // A database of its own on the server, so the run never touches anyone's data.
    const name = `fba_e2e_${process.pid}`;
    const admin = await openPostgres(serverUrl, 1);
    await admin.db.execute(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.db.execute(`CREATE DATABASE ${name}`);
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    return { env: { DATABASE_URL: u.toString() }, handle: await openPostgres(u.toString(), 2), drop: async () => { await admin.db.execute(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); await admin.close(); } };
  }
  const dataDir = path.join(stateDir, 'pglite');
  return { env: { PGLITE_DIR: dataDir, DATABASE_URL: '' }, handle: await openPglite({ dataDir }), drop: async () => {} };
}

/**
 * `next build` adds its output folder's type globs to tsconfig.json; with a NEXT_DIST_DIR of one's
 * own (several people share a checkout) that rewrites a shared file on every build. The globs are
 * excluded there anyway (`.next-*`), so the file is put back as it was.
 */
function buildKeepingTsconfig() {
  const tsconfig = path.join(root, 'tsconfig.json');
  const before = fs.readFileSync(tsconfig, 'utf8');
  try {
    ensureBuild(root, process.env.CI === 'true');
  } finally {
    if (fs.readFileSync(tsconfig, 'utf8') !== before) fs.writeFileSync(tsconfig, before);
  }
}

/**
 * Tokens at rest are encrypted with this key: the server gets it, and so does this process before
 * the spec seeds run, so a seeded FBA connection's token can be read by the server.
 */
const ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main() {
  const started = Date.now();
  await assertPortFree(port);
  buildKeepingTsconfig();
  console.log(`Build check ${seconds(Date.now() - started)}.`);
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fba-e2e-'));
  process.env.APP_ENCRYPTION_KEY = ENCRYPTION_KEY;
  let code = 1;
  try {
    const { env, handle, drop } = await freshDatabase(stateDir);
    try {
      await migrateDb(handle);
      await bootstrap(handle.db, { adminEmail: E2E_USERS.admin.email, adminPassword: E2E_USERS.admin.password, companyName: 'E2E Company' });
      const attempts = attemptsPerTest(process.argv.slice(2));
      const { users, seeds } = await prepareSpecs(handle.db, { stateDir, e2eDir: path.join(root, 'e2e'), baseUrl: base, secret, attempts });
      console.log(`Seeded ${Object.keys(users).length} users and ${seeds.length} spec seeds (${seeds.join(', ')}).`);
    } finally {
      await handle.close();
    }
    try {
      code = await serveAndTest(env, stateDir);
    } finally {
      await drop();
    }
  } finally {
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
  console.log(`Whole run ${seconds(Date.now() - started)}.`);
  process.exit(code);
}

async function serveAndTest(env: Record<string, string>, stateDir: string): Promise<number> {
  const sandbox = await startSandbox({ port: 0, dataDir: null, rateScale: 20, clockSpeed: 60 });
  let web: ChildProcess | undefined;
  let worker: ChildProcess | undefined;
  try {
    const serverEnv = { ...env, NEXTAUTH_URL: base, NEXTAUTH_SECRET: secret, APP_ENCRYPTION_KEY: ENCRYPTION_KEY, SANDBOX_URL: sandbox.url, SANDBOX_RATE_SCALE: '20', WEBHOOKS_ALLOW_PRIVATE_HOSTS: '1' };
    web = startNext(root, port, serverEnv);
    // On a PostgreSQL server the web process runs no jobs: the sidecar drains the queued syncs and
    // beats the heartbeat, as in a deployment (embedded, the web process does both).
    if (env.DATABASE_URL) worker = startWorker(root, serverEnv);
    await waitForHealth(base, web);
    const started = Date.now();
    const pw = spawn(process.execPath, [path.join(root, 'node_modules/@playwright/test/cli.js'), 'test', ...process.argv.slice(2)], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, E2E_BASE_URL: base, SANDBOX_URL: sandbox.url, E2E_STATE_DIR: stateDir },
    });
    const code = await new Promise<number>((resolve) => pw.once('exit', (c) => resolve(c ?? 1)));
    console.log(`Playwright ${seconds(Date.now() - started)}.`);
    return code;
  } finally {
    await Promise.all([stopChild(web), stopChild(worker)]);
    await sandbox.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
