import { getHandle } from '@/db';
import { startJobs } from '@/jobs';

// Embedded database: this process owns the data folder, so the schedules run here too.
// With DATABASE_URL the sidecar (jobs/worker.ts) runs them instead.
if (!process.env.DATABASE_URL && process.env.NEXT_PHASE !== 'phase-production-build' && process.env.RUN_JOBS !== '0') {
  const handle = await getHandle();
  startJobs(handle.db, 'embedded');
}
