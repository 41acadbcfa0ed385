import { expect } from 'vitest';
import type { StatusTable } from '@/lib/status-table';

/**
 * Checks a status table move by move: exactly the listed moves are allowed, every other pair of
 * statuses is refused with INVALID_TRANSITION.
 */
export function expectExactMoves<S extends string>(table: StatusTable<S>, allowed: [S, S][]) {
  const key = (from: S, to: S) => `${from} → ${to}`;
  const wanted = new Set(allowed.map(([f, t]) => key(f, t)));
  for (const [f, t] of allowed) expect(table.statuses.includes(f) && table.statuses.includes(t), key(f, t)).toBe(true);
  for (const from of table.statuses)
    for (const to of table.statuses) {
      const ok = wanted.has(key(from, to));
      expect(table.canMove(from, to), key(from, to)).toBe(ok);
      if (ok) expect(() => table.assertMove(from, to)).not.toThrow();
      else expect(() => table.assertMove(from, to), key(from, to)).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION' }));
    }
}
