import { beforeAll, describe, expect, it, vi } from 'vitest';
import { PERMISSIONS } from '@/lib/auth/permissions';
import { absolute, findAppFiles } from '@/test/app-files';
import { signInAs, testSession, userWith } from '@/test/session';

/**
 * Every server action, found on disk, names a permission (there are no public actions), refuses a
 * user who lacks it — before it parses input or touches the database — and lets a user who has it
 * get past the check. Every one also refuses a NUL character before parsing, and never shows an
 * internal error's text.
 */
vi.mock('@/lib/auth/session', () => import('@/test/session').then((m) => m.sessionModule()));
vi.mock('@/db', () => import('@/test/session').then((m) => m.dbModule()));
vi.mock('next/cache', () => import('@/test/next').then((m) => m.nextCache()));
vi.mock('next/navigation', (original) => import('@/test/next').then((m) => m.nextNavigation(original)));

const files = findAppFiles('actions.ts');

function formWithNul() {
  const f = new FormData();
  f.append('name', 'Main\u0000 warehouse');
  return f;
}

type WrappedAction = ((prev: unknown, f: FormData) => Promise<{ status: string; message?: string }>) & { permission?: unknown };

beforeAll(() => {
  // Actions that reach the (refusing) database log it as unexpected; the test reads what the form gets.
  vi.spyOn(console, 'error').mockImplementation(() => {});
});

describe('every server action checks its permission on the server', () => {
  it('finds the action files', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });
  for (const file of files) {
    it(file, async () => {
      const mod = (await import(absolute(file))) as Record<string, unknown>;
      const actions = Object.entries(mod).filter(([, v]) => typeof v === 'function') as [string, WrappedAction][];
      expect(actions.length).toBeGreaterThan(0);
      for (const [name, fn] of actions) {
        expect([...PERMISSIONS, 'administrator'], `${file} ${name} must be built with action() and name its permission`).toContain(fn.permission);
        if (fn.permission === 'administrator') {
          // Every permission ticked is still not an administrator.
          signInAs(PERMISSIONS);
          const refused = await fn({ status: 'idle' }, new FormData());
          expect(refused, `${file} ${name}`).toMatchObject({ status: 'error', message: expect.stringContaining('Not allowed') });
          testSession.user = { ...userWith([]), isAdmin: true };
        } else {
          const permission = fn.permission as (typeof PERMISSIONS)[number];
          signInAs(PERMISSIONS.filter((p) => p !== permission));
          const refused = await fn({ status: 'idle' }, new FormData());
          expect(refused, `${file} ${name}`).toMatchObject({ status: 'error', message: expect.stringContaining('Not allowed') });
          signInAs([permission]);
        }
        // With the permission, an empty form fails validation (or reaches the mocked database) instead,
        // and what the form shows is never the internal error's text.
        const allowed = await fn({ status: 'idle' }, new FormData()).catch((e: Error) => ({ status: 'threw', message: e.message }));
        expect(allowed.message ?? '', `${file} ${name}`).not.toContain('Not allowed');
        expect(allowed.message ?? '', `${file} ${name}`).not.toContain('the database must not be reached');
        // A NUL in any field is refused on that field before parsing, whatever the action reads.
        const nul = await fn({ status: 'idle' }, formWithNul());
        expect(nul, `${file} ${name}`).toMatchObject({ status: 'error', fieldErrors: { name: [expect.stringContaining('invisible NUL character')] } });
      }
    });
  }
});
