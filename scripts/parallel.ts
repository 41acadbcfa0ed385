/**
 * `tsx scripts/parallel.ts <npm script>...`: runs the npm scripts side by side and fails when any
 * fails. `npm test` runs the type check and lint this way: each is one single-threaded process
 * (~30 s apiece on this machine), so on 2 cores together they take about as long as the longer one.
 * Each script's output is held and printed whole when it ends, so the two never interleave.
 */
import { spawn } from 'node:child_process';

type Outcome = { script: string; code: number; output: string; ms: number };

function run(script: string): Promise<Outcome> {
  const started = Date.now();
  const child = spawn('npm', ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (d: Buffer) => chunks.push(d));
  child.stderr.on('data', (d: Buffer) => chunks.push(d));
  return new Promise((resolve) => {
    child.once('error', (e) => resolve({ script, code: 1, output: `${e.message}\n`, ms: Date.now() - started }));
    child.once('close', (code) => resolve({ script, code: code ?? 1, output: Buffer.concat(chunks).toString(), ms: Date.now() - started }));
  });
}

async function main(scripts: string[]) {
  if (scripts.length === 0) {
    console.error('usage: tsx scripts/parallel.ts <npm script>...');
    return 2;
  }
  const outcomes = await Promise.all(
    scripts.map((s) =>
      run(s).then((o) => {
        process.stdout.write(`\n> ${o.script}: ${o.code === 0 ? 'passed' : `failed (exit ${o.code})`} in ${(o.ms / 1000).toFixed(1)} s\n${o.output}`);
        return o;
      }),
    ),
  );
  return outcomes.some((o) => o.code !== 0) ? 1 : 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code));
