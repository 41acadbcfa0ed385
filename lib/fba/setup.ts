import { desc, eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { fbaConnections, fbaSettingsLog, users } from '@/db/schema';
import { DomainError } from '@/lib/errors';
import { LABEL_PAGE_TYPES, SETUP_LABELS, type SetupData, type SetupField } from './setup-inputs';

const FIELDS = Object.keys(SETUP_LABELS) as SetupField[];

export type ConnectionSetup = { [K in SetupField]: (typeof fbaConnections.$inferSelect)[K] };

export async function getConnectionSetup(db: Db | Tx, id: string): Promise<ConnectionSetup | null> {
  const [row] = await db.select().from(fbaConnections).where(eq(fbaConnections.id, id));
  if (!row) return null;
  return Object.fromEntries(FIELDS.map((f) => [f, row[f]])) as ConnectionSetup;
}

/** Field → [before, after] for the fields whose value changes. */
export function diffSetup(before: ConnectionSetup, after: ConnectionSetup): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const f of FIELDS) if (before[f] !== after[f]) changes[f] = [before[f], after[f]];
  return changes;
}

/**
 * Saves the Setup tab: the row is locked, compared with the submitted values, updated and the
 * changes logged in one transaction, so the log always matches what was written. Saving
 * without changes writes nothing.
 */
export async function saveConnectionSetup(db: Db, input: SetupData, actorId: string | null) {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(fbaConnections).where(eq(fbaConnections.id, input.id)).for('update');
    if (!row) throw new DomainError('NOT_FOUND', 'That connection no longer exists.');
    if (row.status !== 'Active') throw new DomainError('INVALID_TRANSITION', 'This connection is disconnected; its Setup can no longer change.');
    const before = Object.fromEntries(FIELDS.map((f) => [f, row[f]])) as ConnectionSetup;
    const after = {
      ...Object.fromEntries(FIELDS.map((f) => [f, input[f]])),
      // The hour field is hidden while auto-sync is Never; keep what was stored.
      autoSyncHour: input.autoSyncHour ?? row.autoSyncHour,
    } as ConnectionSetup;
    const changes = diffSetup(before, after);
    if (Object.keys(changes).length === 0) return { changed: [] as string[] };
    // A new schedule starts at its next slot: without this anchor, switching Auto-Sync on would
    // fire at once for a connection made days ago (its creation would count as the last run).
    const rescheduled = 'autoSync' in changes || 'autoSyncHour' in changes;
    await tx
      .update(fbaConnections)
      .set({ ...after, ...(rescheduled ? { lastAutoSyncAt: new Date() } : {}) })
      .where(eq(fbaConnections.id, row.id));
    await tx.insert(fbaSettingsLog).values({ connectionId: row.id, userId: actorId, changes });
    return { changed: Object.keys(changes) };
  });
}

export type SetupLogEntry = { id: number; userName: string | null; createdAt: Date; changes: Record<string, [unknown, unknown]> };

/** The last changes to a connection's Setup (and its disconnect), newest first. */
export async function listSetupLog(db: Db | Tx, connectionId: string, limit = 10): Promise<SetupLogEntry[]> {
  return db
    .select({ id: fbaSettingsLog.id, userName: users.name, createdAt: fbaSettingsLog.createdAt, changes: fbaSettingsLog.changes })
    .from(fbaSettingsLog)
    .leftJoin(users, eq(users.id, fbaSettingsLog.userId))
    .where(eq(fbaSettingsLog.connectionId, connectionId))
    .orderBy(desc(fbaSettingsLog.createdAt), desc(fbaSettingsLog.id))
    .limit(limit);
}

/** A log row's changes in the order of the form, each value as the form shows it. */
export function describeChanges(changes: Record<string, [unknown, unknown]>, tierNames: Map<number, string>): { field: string; label: string; before: string; after: string }[] {
  // Fields outside the form (the disconnect's status) go last.
  const order = (f: string) => {
    const i = FIELDS.indexOf(f as SetupField);
    return i === -1 ? FIELDS.length : i;
  };
  const show = (field: string, v: unknown) => {
    if (v === null || v === undefined || v === '') return '(empty)';
    if (typeof v === 'boolean') return v ? 'Yes' : 'No';
    if (field === 'priceTier') return tierNames.get(Number(v)) ?? `Tier ${v}`;
    if (field === 'labelPageType') return LABEL_PAGE_TYPES.find((p) => p.value === v)?.label ?? String(v);
    if (field === 'autoSyncHour') return `${String(v).padStart(2, '0')}:00 UTC`;
    return String(v);
  };
  return Object.entries(changes)
    .sort(([a], [b]) => order(a) - order(b))
    .map(([field, [before, after]]) => ({
      field,
      label: field in SETUP_LABELS ? SETUP_LABELS[field as SetupField] : field === 'status' ? 'Status' : field,
      before: show(field, before),
      after: show(field, after),
    }));
}
