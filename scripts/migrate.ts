/**
 * `npm run db:migrate`: applies migrations and bootstraps an empty database (price tiers, company,
 * first administrator). For deployments that run `next start` and the worker themselves.
 */
import { migrateDb, openDefault } from '@/db/client';
import { bootstrap, isEmptyCatalog } from './lib/bootstrap';
import { seedDemo } from './lib/seed-demo';

const handle = await openDefault();
try {
  await migrateDb(handle);
  const boot = await bootstrap(handle.db, { adminEmail: process.env.ADMIN_EMAIL, adminPassword: process.env.ADMIN_PASSWORD });
  if (process.env.SEED_DEMO === '1' && (await isEmptyCatalog(handle.db))) await seedDemo(handle.db);
  console.log(`Migrations applied (${handle.driver}).`);
  if (boot.admin.created) console.log(`Administrator ${boot.admin.email} created${process.env.ADMIN_PASSWORD ? '' : ` with password ${boot.admin.password} (shown once)`}.`);
} finally {
  await handle.close();
}
