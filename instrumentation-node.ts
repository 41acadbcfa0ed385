import { getDb, getHandle } from '@/db';
import { startJobs } from '@/jobs';
import { recordAmazonCall, setAmazonCallSink } from '@/lib/audit/audit-log';

// Every call this process makes to Amazon goes to Settings → Audit Log.
if (process.env.NEXT_PHASE !== 'phase-production-build') setAmazonCallSink((call) => void getDb().then((db) => recordAmazonCall(db, call)));

// Embedded database: this process owns the data folder, so the schedules run here too.
// With DATABASE_URL the sidecar (jobs/worker.ts) runs them instead.
if (!process.env.DATABASE_URL && process.env.NEXT_PHASE !== 'phase-production-build' && process.env.RUN_JOBS !== '0') {
  const handle = await getHandle();
  startJobs(handle.db, 'embedded');
}
