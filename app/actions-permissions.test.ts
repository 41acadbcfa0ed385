import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { PERMISSIONS, type SessionUser } from '@/lib/auth/permissions';

/**
 * Every server action, found on disk, refuses a user who lacks its permission — before it parses
 * input or touches the database — and lets a user who has it get past the check. Every one also
 * refuses a NUL character before parsing, and never shows an internal error's text.
 */
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/auth/session', () => ({
  requireUser: async () => session.user,
  getSessionUser: async () => session.user,
  requirePermission: async () => session.user,
}));
vi.mock('@/db', () => ({
  getDb: async () => {
    throw new Error('the database must not be reached in this test');
  },
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {}, updateTag: () => {}, revalidateTag: () => {} }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), redirect: () => { throw new Error('redirect'); } }));

function findActionFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return findActionFiles(p);
    return e.name === 'actions.ts' ? [p] : [];
  });
}

const files = findActionFiles(path.join(import.meta.dirname));
const user = (permissions: string[]): SessionUser => ({ id: '00000000-0000-4000-8000-000000000000', email: 'x@example.com', name: 'X', isAdmin: false, permissions });

function formWithNul() {
  const f = new FormData();
  f.append('name', 'Main\u0000 warehouse');
  return f;
}

beforeAll(() => {
  // Actions that reach the (refusing) database log it as unexpected; the test reads what the form gets.
  vi.spyOn(console, 'error').mockImplementation(() => {});
});

describe('every server action checks its permission on the server', () => {
  it('finds the action files', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });
  for (const file of files) {
    const rel = path.relative(process.cwd(), file);
    it(rel, async () => {
      const mod = (await import(file)) as Record<string, unknown>;
      const actions = Object.entries(mod).filter(([, v]) => typeof v === 'function') as [string, ((prev: unknown, f: FormData) => Promise<{ status: string; message?: string }>) & { permission?: string | null }][];
      expect(actions.length).toBeGreaterThan(0);
      for (const [name, fn] of actions) {
        expect(fn.permission, `${rel} ${name} must be built with action()`).toBeDefined();
        if (fn.permission === null) continue;
        session.user = user(PERMISSIONS.filter((p) => p !== fn.permission));
        const refused = await fn({ status: 'idle' }, new FormData());
        expect(refused, `${rel} ${name}`).toMatchObject({ status: 'error', message: expect.stringContaining('Not allowed') });
        session.user = user([fn.permission!]);
        // With the permission, an empty form fails validation (or reaches the mocked database) instead,
        // and what the form shows is never the internal error's text.
        const allowed = await fn({ status: 'idle' }, new FormData()).catch((e: Error) => ({ status: 'threw', message: e.message }));
        expect(allowed.message ?? '', `${rel} ${name}`).not.toContain('Not allowed');
        expect(allowed.message ?? '', `${rel} ${name}`).not.toContain('the database must not be reached');
        // A NUL in any field is refused on that field before parsing, whatever the action reads.
        const nul = await fn({ status: 'idle' }, formWithNul());
        expect(nul, `${rel} ${name}`).toMatchObject({ status: 'error', fieldErrors: { name: [expect.stringContaining('invisible NUL character')] } });
      }
    });
  }
});
