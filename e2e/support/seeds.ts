import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Db } from '@/db/client';
import { PER_ATTEMPT, seedFileIn } from './state';

/**
 * A spec's own data, made through lib/ functions before the server starts: `e2e/<menu>/<name>.seed.ts`
 * beside `<name>.spec.ts` exports `seed(db)`, and what it returns (ids, names) reaches the spec as
 * JSON through `readSeed('<menu>/<name>')`. Seeded rows are for reading: a test that changes data
 * (posts stock, starts a stocktake, connects a seller) makes its own with unique names, so it can
 * run twice (--repeat-each, a retry) against the same database. Names carry the spec's name, so two
 * seeds never meet; a clash fails the run here, naming the seed.
 *
 * A seed whose spec must change what it made (registers a seeded seller at the sandbox, counts a
 * seeded store's orders) exports `perAttempt = true`: it is run once per attempt a test may have
 * (`attempts`: a retry on CI, `--repeat-each`), each copy with names of its own, and each attempt
 * of the test takes its own copy (`attemptSeed`), so a retry starts from a clean copy.
 */
type SeedModule = { seed?: (db: Db) => Promise<unknown>; perAttempt?: boolean };

function findSeedFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.seed.ts'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

export async function runSpecSeeds(db: Db, e2eDir: string, stateDir: string, attempts = 1): Promise<string[]> {
  const done: string[] = [];
  for (const file of findSeedFiles(e2eDir)) {
    const key = path.relative(e2eDir, file).replace(/\.seed\.ts$/, '').split(path.sep).join('/');
    const spec = file.replace(/\.seed\.ts$/, '.spec.ts');
    if (!fs.existsSync(spec)) throw new Error(`${path.relative(process.cwd(), file)} has no spec beside it (${path.basename(spec)}).`);
    const mod = (await import(pathToFileURL(file).href)) as SeedModule;
    if (typeof mod.seed !== 'function') throw new Error(`${path.relative(process.cwd(), file)} does not export seed(db).`);
    let result: unknown;
    try {
      if (mod.perAttempt === true) {
        const copies: unknown[] = [];
        for (let i = 0; i < attempts; i++) copies.push((await mod.seed(db)) ?? null);
        result = { [PER_ATTEMPT]: copies };
      } else result = await mod.seed(db);
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
