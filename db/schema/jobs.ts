import { bigserial, index, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';

/** One row per job firing; (name, slot) is unique so two workers cannot run the same slot twice. */
export const jobRuns = pgTable(
  'job_runs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    name: text('name').notNull(),
    slot: text('slot').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    result: text('result', { enum: ['running', 'ok', 'failed'] }).notNull().default('running'),
    error: text('error'),
  },
  (t) => [unique('job_runs_slot').on(t.name, t.slot), index('job_runs_started_idx').on(t.startedAt)],
);

/** The worker writes its pid and time here every minute; /api/health reads it. */
export const workerHeartbeats = pgTable('worker_heartbeats', {
  workerId: text('worker_id').primaryKey(),
  mode: text('mode').notNull(),
  beatAt: timestamp('beat_at', { withTimezone: true }).notNull().defaultNow(),
});
