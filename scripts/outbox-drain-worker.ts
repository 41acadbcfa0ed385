// A worker that only drains the outbox, for the kill test (lib/fulfilment/outbox-kill.pg.test.ts):
// `node --import tsx scripts/outbox-drain-worker.ts [--until-idle]` with DATABASE_URL, SANDBOX_URL,
// APP_ENCRYPTION_KEY and OUTBOX_LEASE_MS. It is one process (no wrapper), so SIGKILL stops it dead
// at whatever moment it was: before, during or after a call to Amazon, or mid-transaction.
import { and, inArray, sql } from 'drizzle-orm';
import { openPostgres } from '@/db/client';
import { outbox } from '@/db/schema';
import { drainOutbox } from '@/lib/fulfilment/outbox-drain';

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const leaseMs = Number(process.env.OUTBOX_LEASE_MS || 300_000);
  const untilIdle = process.argv.includes('--until-idle');
  const handle = await openPostgres(url, 4);
  const workerId = `drain-worker:${process.pid}`;
  process.stdout.write(`ready ${workerId}\n`);
  for (;;) {
    const s = await drainOutbox(handle.db, { workerId, leaseMs, limit: 5 });
    if (s.claimed > 0) continue;
    if (untilIdle) {
      const [open] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(outbox).where(and(inArray(outbox.status, ['pending', 'sending'])));
      if (open.n === 0) break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await handle.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
