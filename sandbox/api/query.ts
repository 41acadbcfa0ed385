import { invalidInput } from '../http';
import type { SellerState } from '../state';

/** Amazon's array parameters: comma-separated (collectionFormat csv), also accepted repeated. */
export function readList(query: URLSearchParams, name: string): string[] {
  return query.getAll(name).flatMap((value) => value.split(',')).map((v) => v.trim()).filter(Boolean);
}

export function requireParam(query: URLSearchParams, name: string): string {
  const value = query.get(name);
  if (!value) throw invalidInput(`Missing required parameter '${name}'.`);
  return value;
}

export function assertSellerMarketplace(seller: SellerState, marketplaceId: string): void {
  if (!seller.marketplaceIds.includes(marketplaceId)) {
    throw invalidInput(`Invalid marketplaceId '${marketplaceId}'. The seller does not participate in this marketplace.`);
  }
}

export function parseDateParam(query: URLSearchParams, name: string): number | null {
  const value = query.get(name);
  if (value === null) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw invalidInput(`Invalid date-time in parameter '${name}': ${value}`);
  return ms;
}

// Opaque page tokens: the offset into a stable ordering, tied to the query so a token cannot be
// replayed against another filter.
export function encodePageToken(offset: number, scope: string): string {
  return Buffer.from(JSON.stringify({ o: offset, s: scope })).toString('base64url');
}

export function decodePageToken(token: string | null, scope: string): number {
  if (!token) return 0;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown; s?: unknown };
    if (typeof parsed.o === 'number' && parsed.s === scope) return parsed.o;
  } catch {
    // fall through to the error below
  }
  throw invalidInput('Invalid nextToken.');
}

export function formatZodIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.slice(0, 5).map((i) => `${i.path.map(String).join('.') || 'body'}: ${i.message}`).join('; ');
}
