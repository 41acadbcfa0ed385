// Amazon's throttling: a token bucket per selling partner × operation, refilled at the operation's
// rate up to its burst. Kept in memory only: after a restart every bucket starts full, as Amazon's
// would after a quiet minute.

export class ThrottleBuckets {
  private readonly buckets = new Map<string, { tokens: number; updatedAt: number }>();

  constructor(private readonly realNow: () => number = () => performance.now()) {}

  /** Takes a token if one is there; false means answer 429. */
  tryTake(key: string, rate: number, burst: number): boolean {
    const now = this.realNow();
    const bucket = this.buckets.get(key) ?? { tokens: burst, updatedAt: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * rate);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  clear(): void {
    this.buckets.clear();
  }
}
