// CLI entry: `npm run sandbox`. Env: SANDBOX_PORT (4010), SANDBOX_HOST (127.0.0.1),
// SANDBOX_DATA_DIR (.data/sandbox), SANDBOX_RATE_SCALE (1), SANDBOX_CLOCK_SPEED (1).
import { DEMO_SELLER, startSandbox } from './index';

function readNumber(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return value;
}

const sandbox = await startSandbox({
  port: readNumber('SANDBOX_PORT') ?? 4010,
  host: process.env.SANDBOX_HOST || undefined,
  dataDir: process.env.SANDBOX_DATA_DIR || '.data/sandbox',
  rateScale: readNumber('SANDBOX_RATE_SCALE'),
  clockSpeed: readNumber('SANDBOX_CLOCK_SPEED'),
});
console.log(`FBA sandbox listening on ${sandbox.url} (demo seller ${DEMO_SELLER.sellerId}, refresh token ${DEMO_SELLER.refreshToken})`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('[sandbox] failed to stop cleanly', error);
        process.exit(1);
      },
    );
  });
}
