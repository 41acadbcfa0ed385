import { and, asc, desc, gt, lt, or, eq, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Cursor } from './paging';

/** WHERE and ORDER BY for keyset paging on (column, id). Sort columns must be NOT NULL. */
export function keyset(column: AnyColumn, idColumn: AnyColumn, dir: 'asc' | 'desc', after: Cursor | null): { where: SQL | undefined; orderBy: SQL[] } {
  const cmp = dir === 'asc' ? gt : lt;
  const order = dir === 'asc' ? asc : desc;
  const where = after ? or(cmp(column, after.v), and(eq(column, after.v), cmp(idColumn, after.id))) : undefined;
  return { where, orderBy: [order(column), order(idColumn)] };
}
