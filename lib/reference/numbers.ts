import { sql } from 'drizzle-orm';
import type { Tx } from '@/db';
import { rowsOf } from '@/db/driver';

/**
 * The next document number of a kind (e.g. 'ADJ' → "ADJ-00042"), gap-free within committed
 * transactions: the counter row is locked by the upsert until the caller's transaction ends.
 */
export async function nextNumber(tx: Tx, prefix: string): Promise<string> {
  const [row] = rowsOf<{ n: number }>(
    await tx.execute(sql`
      INSERT INTO document_counters (kind, next) VALUES (${prefix}, 2)
      ON CONFLICT (kind) DO UPDATE SET next = document_counters.next + 1
      RETURNING next - 1 AS n`),
  );
  return `${prefix}-${String(row.n).padStart(5, '0')}`;
}
