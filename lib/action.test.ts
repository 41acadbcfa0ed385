import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

vi.mock('@/lib/auth/session', () => ({
  requireUser: async () => ({ id: 'u', email: 'u@example.com', name: 'U', isAdmin: true, permissions: [] }),
}));
const { action } = await import('./action');

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};

describe('action()', () => {
  const connect = action({ input: z.object({ sellerId: z.string().min(3, 'Too short.'), refreshToken: z.string().min(1) }), permission: null }, async (input) => input.refreshToken.length);

  it('parses secret fields, so the action receives them', async () => {
    expect(await connect({ status: 'idle' }, form({ sellerId: 'ASELLER', refreshToken: 'Atzr|x' }))).toEqual({ status: 'ok', data: 6 });
  });

  it('refills what the user typed on a refusal, except secrets', async () => {
    const res = await connect({ status: 'idle' }, form({ sellerId: 'A', refreshToken: 'Atzr|secret-value' }));
    expect(res).toMatchObject({ status: 'error', fieldErrors: { sellerId: ['Too short.'] }, values: { sellerId: 'A' } });
    expect(JSON.stringify(res)).not.toContain('Atzr|secret-value');
  });
});
