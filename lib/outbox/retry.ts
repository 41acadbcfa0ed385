import { amazonReason } from '@/lib/fba/connection-client';
import { isSpApiError } from '@/lib/fba/sp-api';
import type { SendResult } from './types';

/**
 * The outbox's answer to a call Amazon may still accept later (429, 5xx, a timeout, no answer):
 * try again, in Amazon's words. A 429 says Amazon is pacing us, not that the call failed, so it is
 * marked `throttled`: the drain waits and repeats it without counting an attempt, and a throttle
 * storm never fails an order.
 */
export function retryLater(e: unknown, payload?: Record<string, unknown>): Extract<SendResult, { outcome: 'retry' }> {
  const error = isSpApiError(e) ? amazonReason(e) : e instanceof Error ? e.message : String(e);
  return { outcome: 'retry', error, ...(payload ? { payload } : {}), ...(isSpApiError(e) && e.status === 429 ? { throttled: true } : {}) };
}
