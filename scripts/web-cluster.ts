/**
 * The web server as several `next start` processes sharing one port (node:cluster), so a
 * server-rendered page uses every core: one Node process renders on one core, and under 8
 * concurrent clients on 2 cores a page waited behind the others for the one busy core.
 *
 * Run by `startNext` (scripts/lib/processes.ts) when the web concurrency is above 1:
 * `node --import tsx scripts/web-cluster.ts <processes> <port> <host> [server]` (`server`, Next's
 * own bin by default, is another script only in this file's test). The primary only forks and
 * watches; the connections are dealt to the processes in turn. A process that dies after it was
 * serving is replaced; one that dies before it ever listened (a port in use, a bad build) stops
 * the whole server with its exit code rather than restarting for ever. SIGTERM/SIGINT stop every
 * process and then the primary. If the primary itself is killed, each process sees its channel
 * close and exits (node:cluster's own rule), so no orphan keeps the port.
 */
import cluster, { type Worker } from 'node:cluster';
import path from 'node:path';

const [count, port, host, server] = process.argv.slice(2);
const processes = Math.max(1, Number(count) || 1);
const root = process.cwd();

cluster.setupPrimary({
  exec: server ? path.resolve(server) : path.join(root, 'node_modules/next/dist/bin/next'),
  args: ['start', '-p', String(port), '-H', String(host)],
  // Not this process's `--import tsx`: each process is a plain `next start`.
  execArgv: [],
});

let stopping = false;
const serving = new WeakSet<Worker>();

function fork() {
  const worker = cluster.fork();
  worker.once('listening', () => serving.add(worker));
  worker.once('exit', (code, signal) => {
    if (stopping) return;
    if (!serving.has(worker)) {
      console.error(`A web process exited before it was serving (code ${code ?? signal}); stopping.`);
      void stop(typeof code === 'number' && code !== 0 ? code : 1);
      return;
    }
    console.error(`A web process exited (code ${code ?? signal}); starting another.`);
    fork();
  });
}

async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
  await Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => w.process.kill('SIGKILL'), 8_000);
          w.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          w.process.kill('SIGTERM');
        }),
    ),
  );
  process.exit(code);
}

process.on('SIGTERM', () => void stop(0));
process.on('SIGINT', () => void stop(0));
for (let i = 0; i < processes; i++) fork();
