import { sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { expectedMigrationCount } from '@/db/client';
import { route } from '@/lib/http/route';
import { rowsOf } from '@/db/driver';

/**
 * For load balancers and `npm start`: answers without signing in. An unreachable database is an
 * answer here (503 "down"), not an unexpected error.
 */
export const GET = route({ access: 'public' }, async () => {
  try {
    const db = await getDb();
    const [m] = rowsOf<{ n: number }>(await db.execute(sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`));
    const [w] = rowsOf<{ beat_at: string | Date | null }>(await db.execute(sql`SELECT max(beat_at) AS beat_at FROM worker_heartbeats`));
    const expected = expectedMigrationCount();
    const applied = Number(m?.n ?? 0);
    const lastBeat = w?.beat_at ? new Date(w.beat_at) : null;
    const ageSeconds = lastBeat ? Math.round((Date.now() - lastBeat.getTime()) / 1000) : null;
    const current = applied === expected;
    return Response.json(
      {
        status: current ? 'ok' : 'migrations-pending',
        database: 'ok',
        migrations: { applied, expected, current },
        worker: { lastHeartbeat: lastBeat?.toISOString() ?? null, ageSeconds, ok: ageSeconds !== null && ageSeconds < 180 },
      },
      { status: current ? 200 : 503, headers: { 'cache-control': 'no-store' } },
    );
  } catch (e) {
    console.error('[health]', e);
    return Response.json({ status: 'down', database: 'unreachable' }, { status: 503, headers: { 'cache-control': 'no-store' } });
  }
});
