import type { SandboxClock } from './clock';
import type { SandboxStore } from './store';
import type { SandboxState, SellerState } from './state';
import type { ThrottleBuckets } from './throttle';

export interface SandboxContext {
  readonly store: SandboxStore;
  readonly clock: SandboxClock;
  readonly throttle: ThrottleBuckets;
  /** Multiplies every published rate (SANDBOX_RATE_SCALE). */
  /** Multiplies every published rate; changed at run time by POST /_sandbox/rate-scale. */
  rateScale: number;
}

export function stateOf(ctx: SandboxContext): SandboxState {
  return ctx.store.state;
}

/** What an API handler gets: the authenticated seller and the parsed request. */
export interface ApiRequest {
  readonly ctx: SandboxContext;
  readonly state: SandboxState;
  readonly seller: SellerState;
  /** Sandbox ms. */
  readonly now: number;
  readonly params: Record<string, string>;
  readonly query: URLSearchParams;
  readonly body: unknown;
  /** Where this sandbox is reached by the caller (for document and label URLs). */
  readonly baseUrl: string;
}

export interface ApiResult {
  status: number;
  body: unknown;
}

export type ApiHandler = (req: ApiRequest) => ApiResult;

export function ok(body: unknown, status = 200): ApiResult {
  return { status, body };
}
