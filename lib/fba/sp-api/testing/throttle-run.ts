// Drives the client at full speed against a sandbox at the published (scaled) rate and measures
// what share of the permitted rate it achieves and how many 429s it met. Used by the throttle test
// and by bench/sp-api-throttle.ts.
import { SP_API_OPERATIONS } from '../models/operations';
import { US, createDemoClient, startTestSandbox } from './harness';

export interface ThrottleRunResult {
  calls: number;
  seconds: number;
  permittedRate: number;
  achievedRate: number;
  ratio: number;
  throttled: number;
  /** Calls that returned an answer (a 429 is retried inside the client). */
  answered: number;
}

export async function runThrottle(options: { calls?: number; rateScale?: number; concurrency?: number } = {}): Promise<ThrottleRunResult> {
  const calls = options.calls ?? 200;
  const rateScale = options.rateScale ?? 25;
  const sandbox = await startTestSandbox({ rateScale });
  try {
    let throttled = 0;
    const client = createDemoClient(sandbox.url, {
      rateScale,
      onExchange: (event) => {
        if (event.status === 429) throttled += 1;
      },
    });
    await client.getMarketplaceParticipations(); // LWA exchange outside the measured window
    let next = 0;
    let answered = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < calls) {
        next += 1;
        await client.getInventorySummaries({ marketplaceId: US });
        answered += 1;
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
    const seconds = (performance.now() - started) / 1000;
    const permittedRate = SP_API_OPERATIONS.getInventorySummaries.rate * rateScale;
    const achievedRate = calls / seconds;
    return { calls, seconds, permittedRate, achievedRate, ratio: achievedRate / permittedRate, throttled, answered };
  } finally {
    await sandbox.close();
  }
}
