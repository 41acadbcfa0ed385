// npx tsx bench/sp-api-throttle.ts — 200 getInventorySummaries calls through the SP-API client
// against the sandbox (rate 2/s × BENCH_RATE_SCALE, default 12, burst 2). Prints the achieved share of the
// permitted rate and the number of 429s met (the client should meet none).
import { pathToFileURL } from 'node:url';
import { runThrottle } from '../lib/fba/sp-api/testing/throttle-run';

export async function benchSpApiThrottle(): Promise<void> {
  const rateScale = Number(process.env.BENCH_RATE_SCALE ?? 12);
  const result = await runThrottle({ calls: 200, rateScale });
  console.log(
    [
      `sp-api throttle: ${result.calls} calls in ${result.seconds.toFixed(2)} s`,
      `permitted ${result.permittedRate.toFixed(1)}/s, achieved ${result.achievedRate.toFixed(1)}/s`,
      `ratio ${(result.ratio * 100).toFixed(1)}%`,
      `429s ${result.throttled}`,
    ].join(' · '),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchSpApiThrottle();
}
