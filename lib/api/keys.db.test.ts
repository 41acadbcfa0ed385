import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { rowsOf } from '@/db/driver';
import { PERMISSION } from '@/lib/auth/permissions';
import { createTestDb } from '@/test/db';
import { makeUser } from '@/test/fixtures';
import { authenticateApiKey, createApiKey, listApiKeys, revokeApiKey } from './keys';

let db: Db;
beforeAll(async () => {
  process.env.APP_ENCRYPTION_KEY ??= Buffer.alloc(32, 6).toString('base64');
  db = (await createTestDb()).db;
});

describe('API keys', () => {
  it('gives a key only permissions its owner holds (an administrator’s keys any), and shows the key once', async () => {
    const admin = await makeUser(db, [], true);
    const clerk = await makeUser(db, [PERMISSION.stocktake]);
    await expect(createApiKey(db, admin.id, { name: 'Too much', ownerId: clerk.id, permissions: [PERMISSION.stocktake, PERMISSION.sale] })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      fieldErrors: { permissions: [expect.stringContaining('does not hold Sale')] },
    });
    const made = await createApiKey(db, admin.id, { name: 'Counts', ownerId: clerk.id, permissions: [PERMISSION.stocktake] });
    expect(made.key).toMatch(/^fbak_[A-Za-z0-9_-]{43}$/);
    const adminKey = await createApiKey(db, admin.id, { name: 'Everything', ownerId: admin.id, permissions: [PERMISSION.sale, PERMISSION.users] });
    expect((await authenticateApiKey(db, adminKey.key))!.user).toMatchObject({ id: admin.id, isAdmin: false, permissions: [PERMISSION.sale, PERMISSION.users] });

    // Neither the key nor anything that gives it back is stored, nor in the audit trail.
    const everything = JSON.stringify(rowsOf(await db.execute(sql`SELECT k.*, (SELECT json_agg(a) FROM audit_log a WHERE a.table_name = 'api_keys') AS audit FROM api_keys k`)));
    expect(everything).not.toContain(made.key);
    expect(everything).not.toContain(made.key.slice(11));
    expect(everything).toContain('"name":"Counts"');
    const audited = JSON.stringify(rowsOf(await db.execute(sql`SELECT before, after FROM audit_log WHERE table_name = 'api_keys'`)));
    expect(audited).toContain('Counts');
    expect(audited).not.toContain('secret_hash');
    const listed = (await listApiKeys(db)).find((k) => k.id === made.id)!;
    expect(listed).toMatchObject({ name: 'Counts', ownerName: clerk.name, prefix: made.key.slice(0, 11), lastUsedAt: null, revokedAt: null });
  });

  it('records when a key was last used, at most once a minute, without an audit entry for it', async () => {
    const owner = await makeUser(db, [PERMISSION.products]);
    const { id, key } = await createApiKey(db, owner.id, { name: 'Shop', ownerId: owner.id, permissions: [PERMISSION.products] });
    const audits = async () => rowsOf<{ n: number }>(await db.execute(sql`SELECT count(*)::int AS n FROM audit_log WHERE row_id = ${id}`))[0]!.n;
    const before = await audits();
    await authenticateApiKey(db, key);
    const first = (await listApiKeys(db)).find((k) => k.id === id)!.lastUsedAt;
    expect(first).toBeInstanceOf(Date);
    await authenticateApiKey(db, key);
    expect((await listApiKeys(db)).find((k) => k.id === id)!.lastUsedAt).toEqual(first);
    expect(await audits()).toBe(before);
  });

  it('revokes once; a revoked key or a malformed one authenticates nobody', async () => {
    const owner = await makeUser(db, [PERMISSION.products]);
    const { id, key } = await createApiKey(db, owner.id, { name: 'Old', ownerId: owner.id, permissions: [PERMISSION.products] });
    expect(await revokeApiKey(db, id)).toEqual({ name: 'Old' });
    await expect(revokeApiKey(db, id)).rejects.toMatchObject({ code: 'STALE_STATE' });
    await expect(revokeApiKey(db, '00000000-0000-4000-8000-000000000077')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await authenticateApiKey(db, key)).toBeNull();
    expect(await authenticateApiKey(db, 'fbak_short')).toBeNull();
    expect(await authenticateApiKey(db, key.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))).toBeNull();
    const audit = rowsOf<{ action: string; after: Record<string, unknown> }>(await db.execute(sql`SELECT action, after FROM audit_log WHERE row_id = ${id} ORDER BY id`));
    expect(audit.map((a) => a.action)).toEqual(['INSERT', 'UPDATE']);
    expect(audit[1]!.after).toHaveProperty('revoked_at');
  });
});
