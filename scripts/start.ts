/**
 * `npm start`: everything a new user needs, in one command. Builds when needed, migrates, seeds an
 * empty embedded database with a demo company, starts the FBA sandbox, the web server and (with
 * DATABASE_URL) the worker sidecar; prints where to go; Ctrl-C stops them all.
 */
import path from 'node:path';
import { migrateDb, openDefault } from '@/db/client';
import { startSandbox, type RunningSandbox } from '@/sandbox/index';
import { adminSignInMessage, bootstrap, isEmptyCatalog } from './lib/bootstrap';
import { ensureBuild } from './lib/build';
import { startNext, startWorker, stopChild, waitForHealth } from './lib/processes';
import { loadSecrets } from './lib/secrets';
import { DEMO_WAREHOUSE_USER, seedDemo } from './lib/seed-demo';
import type { ChildProcess } from 'node:child_process';

const root = process.cwd();
const dataDir = path.join(root, '.data');
const port = Number(process.env.PORT || 3000);
/** 127.0.0.1 by default (only this machine); HOST=0.0.0.0 to serve the network. */
const host = process.env.HOST || '127.0.0.1';
const probeHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
const sandboxPort = Number(process.env.SANDBOX_PORT || 4010);
const embedded = !process.env.DATABASE_URL;

let web: ChildProcess | undefined;
let worker: ChildProcess | undefined;
let sandbox: RunningSandbox | null = null;
let stopping = false;

async function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  await Promise.all([stopChild(web), stopChild(worker)]);
  await sandbox?.close();
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

async function main() {
  const secrets = loadSecrets(dataDir);
  ensureBuild(root, process.env.FORCE_BUILD === '1');

  // Writes happen before the server opens the database: an embedded folder has one owner at a time.
  const handle = await openDefault();
  await migrateDb(handle);
  const boot = await bootstrap(handle.db, { adminEmail: process.env.ADMIN_EMAIL, adminPassword: process.env.ADMIN_PASSWORD });
  const wantDemo = embedded || process.env.SEED_DEMO === '1';
  if (wantDemo && (await isEmptyCatalog(handle.db))) {
    await seedDemo(handle.db);
    console.log(`Seeded the demo company (products DEMO-001 … DEMO-030, two locations, opening stock; warehouse user ${DEMO_WAREHOUSE_USER.email} / ${DEMO_WAREHOUSE_USER.password}).`);
  }
  await handle.close();

  if (process.env.SANDBOX !== '0') {
    sandbox = await startSandbox({ port: sandboxPort, dataDir: path.join(dataDir, 'sandbox') });
    console.log(`FBA sandbox (SP-API emulator): ${sandbox.url}`);
  }
  const env = { ...secrets, NEXTAUTH_URL: process.env.NEXTAUTH_URL || `http://localhost:${port}`, SANDBOX_URL: sandbox?.url ?? process.env.SANDBOX_URL ?? '' };
  web = startNext(root, port, env, host);
  web.once('exit', (code) => {
    if (!stopping) {
      console.error(`The web server stopped (exit code ${code}).`);
      void stopAll(code ?? 1);
    }
  });
  if (!embedded) worker = startWorker(root, env);
  await waitForHealth(`http://${probeHost}:${port}`, web);

  const lines = [
    '',
    `Inventory is running: http://localhost:${port}`,
    `Database: ${embedded ? `embedded (PGlite) in ${path.relative(root, path.join(dataDir, 'pglite'))}/` : 'PostgreSQL (DATABASE_URL)'}`,
    adminSignInMessage(boot.admin),
    'Press Ctrl-C to stop.',
    '',
  ];
  console.log(lines.join('\n'));
}

main().catch(async (e) => {
  console.error(e instanceof Error ? e.message : e);
  await stopAll(1);
});
