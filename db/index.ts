import { openDefault, type Db, type DbHandle } from './client';

const g = globalThis as unknown as { __dbHandle?: Promise<DbHandle> };

/**
 * The process-wide database handle. Kept on globalThis so Next's module reloading (and several
 * route bundles) share one PGlite instance: the data folder may have only one owner.
 */
export function getHandle(): Promise<DbHandle> {
  g.__dbHandle ??= openDefault().catch((e) => {
    g.__dbHandle = undefined;
    throw e;
  });
  return g.__dbHandle;
}

export async function getDb(): Promise<Db> {
  return (await getHandle()).db;
}

export type { Db, Tx } from './client';
