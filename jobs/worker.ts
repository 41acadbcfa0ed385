import { getHandle } from '@/db';
import { recordInto, setAmazonCallSink } from '@/lib/audit/audit-log';
import { startJobs } from './index';

/** The sidecar worker for PostgreSQL deployments (in embedded mode the web process runs the jobs). */
async function main() {
  if (!process.env.DATABASE_URL) {
    console.error('jobs/worker.ts needs DATABASE_URL. With the embedded database the web process runs the jobs itself.');
    process.exit(1);
  }
  const handle = await getHandle();
  setAmazonCallSink(recordInto(handle.db));
  const jobs = startJobs(handle.db, 'worker');
  console.log('[worker] schedules started (UTC)');
  const stop = async () => {
    await jobs.stop();
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
