import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * How many web processes serve the port. WEB_CONCURRENCY when set; otherwise, on a PostgreSQL
 * server, one per core (at most 4): a Node process renders on one core only. Always 1 on the
 * embedded database, whose data folder has one owner (the web process, which also runs the jobs).
 */
export function webConcurrency(env: Record<string, string | undefined>): number {
  if (!env.DATABASE_URL) return 1;
  const asked = Number(env.WEB_CONCURRENCY);
  if (Number.isInteger(asked) && asked >= 1) return asked;
  return Math.min(os.availableParallelism(), 4);
}

/**
 * The web server: `next start` as a direct child (not through npx) so the pid we hold is the
 * server's, or, when more than one process serves (`webConcurrency`), the cluster primary of
 * scripts/web-cluster.ts, which forks that many `next start` processes on the one port.
 */
export function startNext(root: string, port: number, env: Record<string, string>, host = '127.0.0.1'): ChildProcess {
  const merged = { ...process.env, ...env, NEXT_TELEMETRY_DISABLED: '1' };
  const processes = webConcurrency(merged);
  const args =
    processes > 1
      ? ['--import', 'tsx', path.join(root, 'scripts/web-cluster.ts'), String(processes), String(port), host]
      : [path.join(root, 'node_modules/next/dist/bin/next'), 'start', '-p', String(port), '-H', host];
  return spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: merged });
}

export function startWorker(root: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'jobs/worker.ts')], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ...env },
  });
}

/**
 * Refuses a port something already listens on. Otherwise `next start` fails to bind while the
 * health check below gets its answer from that other server (another person's run on a shared
 * machine), and everything after runs against the wrong server and database.
 */
export function assertPortFree(port: number, host = '127.0.0.1'): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'EADDRINUSE' ? new Error(`Port ${port} on ${host} is already in use: choose another (E2E_PORT, PORT).`) : e),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

export async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 90_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`The server exited with code ${child.exitCode} before it was up.`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return (await res.json()) as unknown;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url}/api/health did not answer within ${timeoutMs / 1000} s.`);
}

export function stopChild(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 8_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}
