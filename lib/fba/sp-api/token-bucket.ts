// Client-side pacing: one bucket per operation, mirroring Amazon's (rate, burst) so that normal
// operation never meets a 429. It refills slightly under Amazon's rate, so Amazon's bucket gains
// slack with every call, and holds half a token less than Amazon's burst: requests reach Amazon
// with network jitter, and one arriving a little early against an empty bucket is throttled. The
// half token it may still hold absorbs late timers on a busy event loop, which would otherwise
// lose throughput.

const RATE_MARGIN = 0.97;
const BURST_RESERVE = 0.5;

export interface TokenBucketOptions {
  rate: number;
  burst: number;
  now?: () => number;
}

export class TokenBucket {
  private rate: number;
  private capacity: number;
  private tokens: number;
  private updatedAt: number;
  private readonly now: () => number;
  private queue: Promise<void> = Promise.resolve();

  constructor(options: TokenBucketOptions) {
    this.now = options.now ?? (() => performance.now());
    this.rate = options.rate * RATE_MARGIN;
    this.capacity = Math.max(1, options.burst - BURST_RESERVE);
    this.tokens = this.capacity;
    this.updatedAt = this.now();
  }

  get ratePerSecond(): number {
    return this.rate / RATE_MARGIN;
  }

  /** Amazon tells the real rate in x-amzn-RateLimit-Limit; follow it when it differs. */
  setRate(rate: number): void {
    if (!(rate > 0) || Math.abs(rate / RATE_MARGIN - this.rate / RATE_MARGIN) < 1e-9) return;
    this.refill();
    this.rate = rate * RATE_MARGIN;
  }

  /** After a 429 the server's bucket is empty: drop ours so the next call waits a full interval. */
  drain(): void {
    this.refill();
    this.tokens = Math.min(this.tokens, 0);
  }

  /** Waits until a token is available and takes it. Calls are served in order. */
  take(sleep: (ms: number) => Promise<void>): Promise<void> {
    const turn = this.queue.then(async () => {
      for (;;) {
        this.refill();
        if (this.tokens >= 1) {
          this.tokens -= 1;
          return;
        }
        // Re-check at least every 100 ms: setRate() may raise the rate while we wait.
        await sleep(Math.min(100, ((1 - this.tokens) / this.rate) * 1000));
      }
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.updatedAt) / 1000) * this.rate);
    this.updatedAt = now;
  }
}
