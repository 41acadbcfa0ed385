import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPglite } from './client';

describe('embedded database lock', () => {
  const dir = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pglite-lock-')), 'data');

  it('refuses a second owner with a message that says what to do', async () => {
    const dataDir = dir();
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    fs.writeFileSync(`${dataDir}.lock`, String(process.ppid)); // a live process that is not us
    await expect(openPglite({ dataDir })).rejects.toThrow(/already open in process \d+.*Stop that process first/);
  });

  it('takes over a stale lock whose owner is gone, and releases it on close', async () => {
    const dataDir = dir();
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    fs.writeFileSync(`${dataDir}.lock`, '2147480000');
    const handle = await openPglite({ dataDir });
    expect(fs.readFileSync(`${dataDir}.lock`, 'utf8')).toBe(String(process.pid));
    await handle.close();
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
  });
});
