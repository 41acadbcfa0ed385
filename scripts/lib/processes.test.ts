import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { assertPortFree } from './processes';

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
