import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The lib/ folders each source file (tests aside) of `folder` imports. */
function libImportsOf(folder: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) {
        const text = fs.readFileSync(p, 'utf8');
        const targets = [...text.matchAll(/from '(@\/lib\/[^/']+|\.\.\/[^/']+)/g)].map((m) => m[1].replace(/^\.\.\//, '@/lib/'));
        out.set(path.relative(ROOT, p), [...new Set(targets)]);
      }
    }
  };
  walk(path.join(ROOT, folder));
  return out;
}

const offenders = (folder: string, forbidden: string[]) =>
  [...libImportsOf(folder)].flatMap(([file, targets]) => targets.filter((t) => forbidden.includes(t)).map((t) => `${file} → ${t}`));

/**
 * The Amazon connection (lib/fba) is used by the stocktake (lib/stocktake), never the reverse, and
 * the queued-run mechanism (lib/runs) knows neither: each kind of run brings its own work.
 */
describe('import directions between lib/fba, lib/stocktake and lib/runs', () => {
  it('sees the imports it checks (lib/stocktake uses lib/fba and lib/runs)', () => {
    const seen = [...libImportsOf('lib/stocktake').values()].flat();
    expect(seen).toEqual(expect.arrayContaining(['@/lib/fba', '@/lib/runs']));
  });

  it('lib/fba imports nothing from lib/stocktake', () => {
    expect(offenders('lib/fba', ['@/lib/stocktake'])).toEqual([]);
  });

  it('lib/runs imports neither lib/fba nor lib/stocktake', () => {
    expect(offenders('lib/runs', ['@/lib/fba', '@/lib/stocktake'])).toEqual([]);
  });
});
