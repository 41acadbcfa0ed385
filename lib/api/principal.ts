import { getDb } from '@/db';
import { authenticateApiKey, type ApiPrincipal } from './keys';

/** The bearer key of a request, if it sent one ("Authorization: Bearer fbak_…"). */
export function bearerOf(header: string | null): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m ? m[1]! : null;
}

/** Who an API request acts as; a separate module so tests can stand in for the key lookup. */
export async function apiPrincipalOf(authorization: string | null): Promise<ApiPrincipal | null> {
  const key = bearerOf(authorization);
  return key ? authenticateApiKey(await getDb(), key) : null;
}
