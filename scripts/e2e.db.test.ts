import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getToken } from 'next-auth/jwt';
import { NextRequest } from 'next/server';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareSpecs } from '@/e2e/support/prepare';
import { attemptSeed, readSeed, seedFileIn, sessionFileIn } from '@/e2e/support/state';
import { E2E_USERS, type E2eUser } from '@/e2e/support/users';
import { findActiveUser } from '@/lib/auth/users';
import { createTestDb } from '@/test/db';
import { bootstrap } from './lib/bootstrap';

// What scripts/e2e.ts prepares before the browser tests: checked here so a change in lib/ that
// breaks a spec's seed, or a session the app would not read, shows up without a browser run.
const secret = 'e2e-db-test-secret-00000000000000';
const e2eDir = path.join(process.cwd(), 'e2e');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-prepare-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

type StorageState = { cookies: { name: string; value: string; domain: string; path: string; httpOnly: boolean }[] };

describe('preparing the browser tests', () => {
  it('runs every spec seed, and writes for each user a session the proxy and the pages read as that user', async () => {
    const { db } = await createTestDb();
    await bootstrap(db, { adminEmail: E2E_USERS.admin.email, adminPassword: E2E_USERS.admin.password });
    const stateDir = path.join(tmp, 'ok');
    const { users, seeds } = await prepareSpecs(db, { stateDir, e2eDir, baseUrl: 'http://127.0.0.1:3999', secret, attempts: 2 });

    const seedFiles = fs.readdirSync(e2eDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.seed.ts'));
    expect(seeds.length).toBe(seedFiles.length);
    expect(seeds.length).toBeGreaterThan(0);
    for (const spec of seeds) expect(JSON.parse(fs.readFileSync(seedFileIn(stateDir, spec), 'utf8'))).toBeTruthy();

    // A seed made per attempt has a copy for the first run and one for the retry, each its own seller.
    process.env.E2E_STATE_DIR = stateDir;
    const info = (retry: number) => ({ repeatEachIndex: 0, retry, project: { retries: 1 } });
    const first = attemptSeed<{ sellerId: string }>('integration/amazon-orders', info(0));
    const retry = attemptSeed<{ sellerId: string }>('integration/amazon-orders', info(1));
    expect(first.sellerId).toMatch(/^AAMZORD/);
    expect(retry.sellerId).toMatch(/^AAMZORD/);
    expect(retry.sellerId).not.toBe(first.sellerId);
    expect(() => attemptSeed('integration/amazon-orders', info(2))).toThrow(/seeded for 2 attempts; this is attempt 3/);
    expect(() => readSeed('integration/amazon-orders')).toThrow(/attemptSeed/);
    expect(() => attemptSeed('forms/bad-input', info(0))).toThrow(/readSeed/);

    for (const who of Object.keys(E2E_USERS) as E2eUser[]) {
      const state = JSON.parse(fs.readFileSync(sessionFileIn(stateDir, who), 'utf8')) as StorageState;
      expect(state.cookies).toHaveLength(1);
      const [cookie] = state.cookies;
      expect(cookie).toMatchObject({ domain: '127.0.0.1', path: '/', httpOnly: true });
      // The proxy's own call: it finds the cookie by next-auth's name for plain HTTP and decrypts it.
      const req = new NextRequest('http://127.0.0.1:3999/inventory/stocktake', { headers: { cookie: `${cookie.name}=${cookie.value}` } });
      const token = await getToken({ req, secret, secureCookie: false });
      expect(token?.uid).toBe(users[who].id);
      // The pages read the user by that id (lib/auth/session.ts).
      expect(await findActiveUser(db, String(token?.uid))).toMatchObject({ email: E2E_USERS[who].email });
      // Another secret cannot read it.
      expect(await getToken({ req, secret: `${secret}-other`, secureCookie: false })).toBeNull();
    }
  });

  it('refuses a seed module without a spec beside it, naming it', async () => {
    const { db } = await createTestDb();
    await bootstrap(db, { adminEmail: E2E_USERS.admin.email, adminPassword: E2E_USERS.admin.password });
    const dir = path.join(tmp, 'orphan', 'e2e');
    fs.mkdirSync(path.join(dir, 'menu'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'menu', 'lonely.seed.ts'), 'export async function seed() { return {}; }\n');
    await expect(prepareSpecs(db, { stateDir: path.join(tmp, 'orphan', 'state'), e2eDir: dir, baseUrl: 'http://127.0.0.1:3999', secret, attempts: 1 })).rejects.toThrow(
      /lonely\.seed\.ts has no spec beside it \(lonely\.spec\.ts\)/,
    );
  });
});
