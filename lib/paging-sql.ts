import { and, asc, desc, gt, lt, or, eq, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { isMomentText } from '@/lib/validation/day';
import { isGuid } from '@/lib/validation/id';
import type { Cursor } from './paging';

const INT4 = 2 ** 31;

/**
 * Whether a cursor's value can be compared with `column` without the database refusing the cast. A
 * cursor from another sort, another list or a hand-edited URL may hold anything decodeCursor lets
 * through; one that does not fit is no cursor (the first page), never a failed query.
 */
function fits(column: AnyColumn, value: unknown): boolean {
  switch (column.columnType) {
    case 'PgUUID':
      return isGuid(value);
    case 'PgText':
    case 'PgVarchar':
      return fitsSortValue('text', value);
    case 'PgInteger':
    case 'PgSerial':
      return fitsSortValue('int', value);
    case 'PgBigInt53':
    case 'PgBigSerial53':
      return Number.isSafeInteger(value);
    default:
      // A sort column of a kind not listed here never pages: the list's page-2 test says so.
      return false;
  }
}

/** The same check for a sort on an expression (`text` or `int`, as the query casts the cursor). */
export function fitsSortValue(kind: 'text' | 'int', value: unknown): boolean {
  return kind === 'text' ? typeof value === 'string' : Number.isInteger(value) && Math.abs(value as number) < INT4;
}

const direction = (dir: 'asc' | 'desc') => ({ cmp: dir === 'asc' ? gt : lt, order: dir === 'asc' ? asc : desc });

/** WHERE and ORDER BY for keyset paging on (column, id). Sort columns must be NOT NULL. */
export function keyset(column: AnyColumn, idColumn: AnyColumn, dir: 'asc' | 'desc', after: Cursor | null): { where: SQL | undefined; orderBy: SQL[] } {
  const { cmp, order } = direction(dir);
  const usable = after && fits(column, after.v) && fits(idColumn, after.id) ? after : null;
  const where = usable ? or(cmp(column, usable.v), and(eq(column, usable.v), cmp(idColumn, usable.id))) : undefined;
  return { where, orderBy: [order(column), order(idColumn)] };
}

/**
 * Keyset paging on (a timestamptz, a uuid id). created_at has microseconds a JS Date would lose, so
 * the cursor holds PostgreSQL's own text of it (`column::text`) and the comparison casts it back; a
 * cursor whose text is not a real moment, or whose id is not a uuid, is no cursor.
 */
export function momentKeyset(column: AnyColumn, idColumn: AnyColumn, dir: 'asc' | 'desc', after: Cursor | null): { where: SQL | undefined; orderBy: SQL[] } {
  const { order } = direction(dir);
  const usable = after && isMomentText(after.v) && isGuid(after.id) ? after : null;
  const where = usable ? sql`(${column}, ${idColumn}) ${dir === 'asc' ? sql`>` : sql`<`} (${usable.v}::timestamptz, ${usable.id}::uuid)` : undefined;
  return { where, orderBy: [order(column), order(idColumn)] };
}
