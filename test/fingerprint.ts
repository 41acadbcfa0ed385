import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { rowsOf } from '../db/driver';

/**
 * Each table's row count and a hash of all its rows, to show an import that was refused wrote
 * nothing (compare before and after: equal maps mean not a row added, changed or removed).
 */
export async function tableFingerprints(db: Db, tables: string[]): Promise<Record<string, string>> {
  const query = tables.map((t) => `SELECT '${t}' AS t, count(*)::text || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') AS h FROM "${t}" x`).join(' UNION ALL ');
  return Object.fromEntries(rowsOf<{ t: string; h: string }>(await db.execute(sql.raw(query))).map((r) => [r.t, r.h]));
}
