import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket';

/** A clock that only moves when the bucket sleeps: the schedule is exact, whatever the machine's load. */
function fakeClock() {
  let now = 0;
  // Like setTimeout: whole milliseconds, at least one.
  return { now: () => now, sleep: async (ms: number) => void (now += Math.max(1, Math.floor(ms))) };
}

/** Amazon's bucket: `burst` tokens, refilled at `rate`/s. Counts the calls it would refuse with 429. */
function amazonBucket(rate: number, burst: number) {
  let tokens = burst;
  let at = 0;
  let refused = 0;
  return {
    arrive(t: number) {
      tokens = Math.min(burst, tokens + ((t - at) / 1000) * rate);
      at = t;
      if (tokens >= 1) tokens -= 1;
      else refused += 1;
    },
    get refused() {
      return refused;
    },
  };
}

async function schedule(bucket: TokenBucket, clock: ReturnType<typeof fakeClock>, calls: number) {
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    await bucket.take(clock.sleep);
    times.push(clock.now());
  }
  return times;
}

describe('client pacing (TokenBucket)', () => {
  it('never sends more than Amazon lets through, even when each call arrives up to 10 ms late or early', async () => {
    for (const [rate, burst] of [
      [2, 2],
      [0.5, 30],
      [30, 30],
      [0.0167, 1],
    ]) {
      const clock = fakeClock();
      const times = await schedule(new TokenBucket({ rate, burst, now: clock.now }), clock, 200);
      const exact = amazonBucket(rate, burst);
      times.forEach((t) => exact.arrive(t));
      expect(exact.refused, `rate ${rate}, burst ${burst}`).toBe(0);
      // Network jitter: a call may reach Amazon a little earlier relative to the one before it.
      const jittered = amazonBucket(rate, burst);
      times.forEach((t, i) => jittered.arrive(t + (i % 2 === 0 ? 10 : 0)));
      expect(jittered.refused, `rate ${rate}, burst ${burst} with jitter`).toBe(0);
    }
  });

  it('uses at least 95% of the published rate over a long run', async () => {
    const clock = fakeClock();
    const times = await schedule(new TokenBucket({ rate: 2, burst: 2, now: clock.now }), clock, 400);
    const achieved = (times.length - 2) / ((times.at(-1)! - times[0]) / 1000);
    expect(achieved).toBeGreaterThanOrEqual(2 * 0.95);
    expect(achieved).toBeLessThanOrEqual(2);
  });

  it('follows the rate Amazon announces and waits a full interval after a 429', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ rate: 1, burst: 1, now: clock.now });
    await bucket.take(clock.sleep);
    bucket.setRate(10);
    const before = clock.now();
    await bucket.take(clock.sleep);
    expect(clock.now() - before).toBeLessThanOrEqual(110);
    bucket.drain();
    const drained = clock.now();
    await bucket.take(clock.sleep);
    expect(clock.now() - drained).toBeGreaterThanOrEqual(100);
  });
});
