/**
 * `npm run test:e2e`: a production build against a fresh database, with the FBA sandbox running.
 * The database is seeded (users the specs sign in as) before the server opens it: an embedded
 * folder has one owner, so specs create their own data through the UI with unique names.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateDb, openPglite, openPostgres, type DbHandle } from '@/db/client';
import { bootstrap } from './lib/bootstrap';
import { seedE2e, E2E_USERS } from '@/e2e/support/seed';
import { startSandbox } from '@/sandbox/index';
import { ensureBuild } from './lib/build';
import { startNext, stopChild, waitForHealth } from './lib/processes';

const root = process.cwd();
const port = Number(process.env.E2E_PORT || 3100);
const base = `http://127.0.0.1:${port}`;

async function freshDatabase(): Promise<{ env: Record<string, string>; handle: DbHandle; drop: () => Promise<void> }> {
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
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fba-e2e-'));
  const dataDir = path.join(dir, 'pglite');
  return { env: { PGLITE_DIR: dataDir, DATABASE_URL: '' }, handle: await openPglite({ dataDir }), drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

async function main() {
  ensureBuild(root, process.env.CI === 'true');
  const { env, handle, drop } = await freshDatabase();
  await migrateDb(handle);
  await bootstrap(handle.db, { adminEmail: E2E_USERS.admin.email, adminPassword: E2E_USERS.admin.password, companyName: 'E2E Company' });
  await seedE2e(handle.db);
  await handle.close();

  const sandbox = await startSandbox({ port: 0, dataDir: null, rateScale: 20, clockSpeed: 60 });
  let web: ChildProcess | undefined;
  let code = 1;
  try {
    web = startNext(root, port, { ...env, NEXTAUTH_URL: base, NEXTAUTH_SECRET: 'e2e-secret-not-for-production-000000', APP_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'), SANDBOX_URL: sandbox.url, SANDBOX_RATE_SCALE: '20' });
    await waitForHealth(base, web);
    const pw = spawn(process.execPath, [path.join(root, 'node_modules/@playwright/test/cli.js'), 'test', ...process.argv.slice(2)], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, E2E_BASE_URL: base, SANDBOX_URL: sandbox.url },
    });
    code = await new Promise<number>((resolve) => pw.once('exit', (c) => resolve(c ?? 1)));
  } finally {
    await stopChild(web);
    await sandbox.close();
    await drop();
  }
  process.exit(code);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
