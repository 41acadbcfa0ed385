import { beforeAll, describe, expect, it, vi } from 'vitest';
import { backupKindOf } from '@/db/backup';
import { PERMISSIONS } from '@/lib/auth/permissions';
import { saveCompanySettings } from '@/lib/reference/company';
import { createTestDb } from '@/test/db';
import { signInAs, testSession, userWith } from '@/test/session';
import { GET } from './route';

// Settings → Backup → Download backup as the browser gets it.
vi.mock('@/lib/auth/session', () => import('@/test/session').then((m) => m.sessionModule()));
vi.mock('@/db', () => import('@/test/session').then((m) => m.dbModule()));
vi.mock('next/server', (original) => import('@/test/next').then((m) => m.nextServer(original)));

const driver = process.env.DB_DRIVER === 'postgres' ? 'postgres' : 'pglite';

beforeAll(async () => {
  testSession.db = (await createTestDb()).db;
  await saveCompanySettings(testSession.db, { companyName: 'Café Ünïcode & Sons, Ltd.', baseCurrency: 'USD' });
});

describe('GET /api/backup', () => {
  it('401 signed out; 403 for a user holding every permission who is not an administrator', async () => {
    testSession.user = null;
    expect((await GET()).status).toBe(401);
    signInAs(PERMISSIONS);
    const refused = await GET();
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: 'Not allowed: only an administrator may do this.' });
  });

  it('an administrator gets the whole database as an attachment named by the company and the UTC date; the log names who', async () => {
    const log = vi.spyOn(console, 'info').mockImplementation(() => {});
    testSession.user = { ...userWith([], '00000000-0000-4000-8000-0000000000ad'), email: 'boss@example.com', isAdmin: true };
    const res = await GET();
    expect(res.status).toBe(200);
    const date = new Date().toISOString().slice(0, 10);
    const name = `backup-cafe-unicode-sons-ltd-${date}.${driver === 'pglite' ? 'pglite.tar.gz' : 'pgdump'}`;
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${name}"`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.length).toBeGreaterThan(10_000);
    expect(backupKindOf(body.subarray(0, 512))).toBe(driver);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(new RegExp(`^\\[backup\\] ${name.replace(/\./g, '\\.')} (dumped|downloaded), \\d+ bytes for boss@example\\.com \\(user 00000000-0000-4000-8000-0000000000ad\\)`)));
    log.mockRestore();
  });
});
