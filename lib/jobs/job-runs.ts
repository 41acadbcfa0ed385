import { and, desc, eq, lt, or } from 'drizzle-orm';
import type { Db } from '@/db';
import { jobRuns } from '@/db/schema';
import { encodeCursor, PAGE_SIZE, type Cursor, type Page } from '@/lib/paging';
import { isMomentText } from '@/lib/validation/day';

export type JobRunRow = typeof jobRuns.$inferSelect;

/** Newest first, a page at a time (keyset on started_at, id); optionally one job or failures only. */
export async function listJobRuns(db: Db, params: { name?: string; failedOnly?: boolean; after: Cursor | null }): Promise<Page<JobRunRow & { id: number }>> {
  // The cursor is the last row's started_at (toISOString) and id; one that is not is the first page.
  const after = params.after && isMomentText(params.after.v) && !Number.isNaN(Date.parse(params.after.v)) && /^\d{1,15}$/.test(params.after.id) ? params.after : null;
  const rows = await db
    .select()
    .from(jobRuns)
    .where(
      and(
        params.name ? eq(jobRuns.name, params.name) : undefined,
        params.failedOnly ? eq(jobRuns.result, 'failed') : undefined,
        after
          ? or(lt(jobRuns.startedAt, new Date(String(after.v))), and(eq(jobRuns.startedAt, new Date(String(after.v))), lt(jobRuns.id, Number(after.id))))
          : undefined,
      ),
    )
    .orderBy(desc(jobRuns.startedAt), desc(jobRuns.id))
    .limit(PAGE_SIZE + 1);
  if (rows.length <= PAGE_SIZE) return { rows, next: null };
  const page = rows.slice(0, PAGE_SIZE);
  const last = page[page.length - 1];
  return { rows: page, next: encodeCursor({ v: last.startedAt.toISOString(), id: String(last.id) }) };
}

export async function listJobNames(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ name: jobRuns.name }).from(jobRuns).orderBy(jobRuns.name);
  return rows.map((r) => r.name);
}
