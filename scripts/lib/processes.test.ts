import net from 'node:net';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { assertPortFree, webConcurrency } from './processes';

function listen(): Promise<{ port: number; close: () => Promise<void> }> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({ port, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

describe('assertPortFree', () => {
  it('refuses a port another server listens on, naming it, and accepts it once that server is gone', async () => {
    const other = await listen();
    await expect(assertPortFree(other.port)).rejects.toThrow(`Port ${other.port} on 127.0.0.1 is already in use`);
    await other.close();
    await expect(assertPortFree(other.port)).resolves.toBeUndefined();
  });
});


describe('webConcurrency', () => {
  const pg = 'postgres://postgres@127.0.0.1:5432/x';
  it('runs one web process per core (at most 4) on PostgreSQL, as WEB_CONCURRENCY says when set', () => {
    expect(webConcurrency({ DATABASE_URL: pg })).toBe(Math.min(os.availableParallelism(), 4));
    expect(webConcurrency({ DATABASE_URL: pg, WEB_CONCURRENCY: '3' })).toBe(3);
    expect(webConcurrency({ DATABASE_URL: pg, WEB_CONCURRENCY: '1' })).toBe(1);
  });
  it('ignores a WEB_CONCURRENCY that is not a whole number of processes', () => {
    for (const bad of ['0', '-2', '1.5', 'many', ''])
      expect(webConcurrency({ DATABASE_URL: pg, WEB_CONCURRENCY: bad })).toBe(Math.min(os.availableParallelism(), 4));
  });
  it('always runs one on the embedded database: its data folder has one owner', () => {
    expect(webConcurrency({})).toBe(1);
    expect(webConcurrency({ WEB_CONCURRENCY: '4' })).toBe(1);
  });
});
