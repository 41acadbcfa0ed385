import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { absolute, findAppFiles } from '@/test/app-files';

/**
 * Every page or layout under an `[id]` folder that reads the database checks the id's shape first
 * (`isUuid` / `isGuid`) and answers Not found for anything else. Sent to PostgreSQL as it came,
 * `/integration/fba/not-an-id/setup` failed the uuid cast: the layout's own check still showed Not
 * found, but the page beside it threw a database error into the server's log on every such visit.
 */
const READS = /\bgetDb\(/;
const CHECKS = /\bis(Uuid|Guid)\(/;

function unchecked(files: string[]) {
  return files.filter((p) => /\/\[[^\]]+\]\//.test(p)).filter((p) => {
    const text = fs.readFileSync(absolute(p), 'utf8');
    return READS.test(text) && !CHECKS.test(text);
  });
}

describe('pages and layouts under [id] check the id before reading', () => {
  const files = [...findAppFiles('page.tsx'), ...findAppFiles('layout.tsx')];
  it('finds pages under an [id] folder', () => {
    expect(files.filter((p) => p.includes('/[id]/')).length).toBeGreaterThan(10);
  });

  it('none reads the database with an unchecked id', () => {
    expect(unchecked(files)).toEqual([]);
  });
});
