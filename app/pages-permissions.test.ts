import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { absolute, findAppFiles } from '@/test/app-files';

/**
 * Every page that reads the database checks who may see it in the page itself. A check in a
 * layout is not enough: Next does not render a layout again when the browser moves between pages
 * under it (the tabs of one screen), so a crafted navigation would reach the page unchecked.
 * Sign-in and public pages do not read the database (the auth pages read it through next-auth).
 */
const CHECKS = /\b(requirePermission|requireAdministrator|requireUser)\(/;
const READS = /\bgetDb\(/;

describe('every page that reads data checks access itself', () => {
  const pages = findAppFiles('page.tsx');
  it('finds the pages', () => {
    expect(pages.length).toBeGreaterThan(30);
  });

  it('none reads the database without its own check', () => {
    const unchecked = pages.filter((p) => {
      const text = fs.readFileSync(absolute(p), 'utf8');
      return READS.test(text) && !CHECKS.test(text);
    });
    expect(unchecked).toEqual([]);
  });

  it('the rule can fail: a page reading the database with no check is caught', () => {
    const text = "import { getDb } from '@/db';\nexport default async function Page() { await getDb(); }";
    expect(READS.test(text) && !CHECKS.test(text)).toBe(true);
  });
});
