import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Db } from '@/db/client';
import { seedFileIn } from './state';

/**
 * A spec's own data, made through lib/ functions before the server starts: `e2e/<menu>/<name>.seed.ts`
 * beside `<name>.spec.ts` exports `seed(db)`, and what it returns (ids, names) reaches the spec as
 * JSON through `readSeed('<menu>/<name>')`. Seeded rows are for reading: a test that changes data
 * (posts stock, starts a stocktake, connects a seller) makes its own with unique names, so it can
 * run twice (--repeat-each, a retry) against the same database. Names carry the spec's name, so two
 * seeds never meet; a clash fails the run here, naming the seed.
 */
type SeedModule = { seed?: (db: Db) => Promise<unknown> };

function findSeedFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.seed.ts'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

export async function runSpecSeeds(db: Db, e2eDir: string, stateDir: string): Promise<string[]> {
  const done: string[] = [];
  for (const file of findSeedFiles(e2eDir)) {
    const key = path.relative(e2eDir, file).replace(/\.seed\.ts$/, '').split(path.sep).join('/');
    const spec = file.replace(/\.seed\.ts$/, '.spec.ts');
    if (!fs.existsSync(spec)) throw new Error(`${path.relative(process.cwd(), file)} has no spec beside it (${path.basename(spec)}).`);
    const mod = (await import(pathToFileURL(file).href)) as SeedModule;
    if (typeof mod.seed !== 'function') throw new Error(`${path.relative(process.cwd(), file)} does not export seed(db).`);
    let result: unknown;
    try {
      result = await mod.seed(db);
    } catch (e) {
      throw new Error(`Seeding ${key} failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    const out = seedFileIn(stateDir, key);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify(result ?? null, null, 2));
    done.push(key);
  }
  return done;
}
