import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { assertPortFree } from './lib/processes';

// The cluster primary with a stand-in for `next start`: a server that answers its pid on the port
// it is given (`start -p <port> -H <host>`), or exits at once when told to.
const STAND_IN = `
import http from 'node:http';
const args = process.argv.slice(2);
if (process.env.FAIL_AT_START === '1') process.exit(3);
const port = Number(args[args.indexOf('-p') + 1]);
const host = args[args.indexOf('-H') + 1];
http.createServer((req, res) => res.end(String(process.pid))).listen(port, host);
process.on('SIGTERM', () => process.exit(0));
`;

const root = path.resolve(__dirname, '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'web-cluster-'));
const server = path.join(dir, 'stand-in.mjs');
fs.writeFileSync(server, STAND_IN);

let primary: ChildProcess | undefined;
afterEach(() => {
  primary?.kill('SIGKILL');
});

/** A port the system just handed out and nothing holds any more. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function start(processes: number, port: number, env: Record<string, string> = {}) {
  primary = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/web-cluster.ts'), String(processes), String(port), '127.0.0.1', server], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...env },
  });
  return primary;
}

/** The pids that answer `n` requests on fresh connections (the primary deals connections in turn). */
async function pidsAnswering(port: number, n: number): Promise<Set<string>> {
  const pids = new Set<string>();
  for (let i = 0; i < n; i++) {
    const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { connection: 'close' }, signal: AbortSignal.timeout(2_000) });
    pids.add(await res.text());
  }
  return pids;
}

/** The two processes' pids, once both answer. */
const bothServing = (port: number) =>
  waitFor(async () => {
    const seen = await pidsAnswering(port, 6);
    return seen.size === 2 ? seen : undefined;
  });

async function waitFor<T>(check: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch {
      /* not yet */
    }
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));

describe('web cluster (scripts/web-cluster.ts)', () => {
  it('serves one port from every process, replaces one that dies, and stops them all on SIGTERM', async () => {
    const port = await freePort();
    const p = start(2, port);
    const pids = await bothServing(port);
    const [victim] = [...pids].map(Number);
    process.kill(victim, 'SIGKILL');
    // A new process takes its place: two serve again, the dead one never answers.
    const after = await waitFor(async () => {
      const seen = await pidsAnswering(port, 6);
      return seen.size === 2 && !seen.has(String(victim)) ? seen : undefined;
    });
    p.kill('SIGTERM');
    expect(await exited(p)).toBe(0);
    for (const pid of after) expect(alive(Number(pid))).toBe(false);
  }, 40_000);

  it('leaves no process holding the port when the primary is killed', async () => {
    const port = await freePort();
    const p = start(2, port);
    const pids = await bothServing(port);
    p.kill('SIGKILL');
    await exited(p);
    await waitFor(async () => ([...pids].every((pid) => !alive(Number(pid))) ? true : undefined));
    await assertPortFree(port);
  }, 40_000);

  it('stops with the error when a process dies before it ever served (a bad build, a port in use)', async () => {
    const port = await freePort();
    const p = start(2, port, { FAIL_AT_START: '1' });
    let stderr = '';
    p.stderr?.on('data', (d) => (stderr += String(d)));
    expect(await exited(p)).toBe(3);
    expect(stderr).toContain('exited before it was serving');
  }, 40_000);
});
