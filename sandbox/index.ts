import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequestListener } from './app';
import { SandboxClock } from './clock';
import type { SandboxContext } from './context';
import { seedDemoSeller } from './seed';
import { SandboxStore } from './store';
import { ThrottleBuckets } from './throttle';

export interface StartSandboxOptions {
  /** 0 picks a free port (tests). Default 4010. */
  port?: number;
  host?: string;
  /** Folder of the persistent store; null keeps state in memory only. Default `.data/sandbox`. */
  dataDir?: string | null;
  /** Multiplies every published rate limit (tests run fast). Default 1. */
  rateScale?: number;
  /** Sandbox seconds per real second. Default: the restored store's speed, else 1. */
  clockSpeed?: number;
  /** Seed the demo seller when the store has no seller. Default true. */
  seedDemo?: boolean;
  /** Sandbox time of a new store. Default: now. */
  startTime?: Date;
}

export interface RunningSandbox {
  url: string;
  port: number;
  /** Flushes the store and stops listening. */
  close(): Promise<void>;
}

export async function startSandbox(options: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const dataDir = options.dataDir === undefined ? '.data/sandbox' : options.dataDir;
  const initialNow = (options.startTime ?? new Date()).getTime();
  let clock: SandboxClock | null = null;
  const store = SandboxStore.open(dataDir, { nowMs: initialNow, speed: options.clockSpeed ?? 1 }, (state) => {
    // The snapshot carries sandbox time so a restart continues where the clock stopped.
    if (clock) state.clock = { nowMs: clock.now(), speed: clock.speed };
  });
  clock = new SandboxClock(store.state.clock.nowMs, options.clockSpeed ?? store.state.clock.speed);
  if (options.seedDemo !== false && Object.keys(store.state.sellers).length === 0) {
    seedDemoSeller(store.state, clock.now());
    store.flush();
  }
  const ctx: SandboxContext = { store, clock, throttle: new ThrottleBuckets(), rateScale: options.rateScale ?? 1 };
  const server = createServer(createRequestListener(ctx));
  // Idle connections are closed by the client, never by the server: a server that closes one after
  // its timeout races a client reusing it at that moment (the request meets a reset: "fetch failed,
  // ECONNRESET"), which a busy machine, with the event loop late on both sides, made happen.
  server.keepAliveTimeout = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 4010, options.host ?? '127.0.0.1', () => resolve());
    });
  } catch (error) {
    store.close(); // the port is taken: free the data folder for the next attempt
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';
  let closing: Promise<void> | null = null;
  return {
    url: `http://${host}:${port}`,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        store.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

export { DEMO_SELLER } from './seed';
