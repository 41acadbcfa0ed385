import { connection, type NextRequest } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/db';
import { can } from '@/lib/auth/permissions';
import { getSessionUser } from '@/lib/auth/session';
import { getLatestSyncRun } from '@/lib/fba/inventory-sync';

/**
 * The Catalog's Force Sync progress: the connection's latest inventory sync run, polled every
 * second while it is queued or running. Checks the session itself: proxy.ts only checks sign-in.
 */
export async function GET(_req: NextRequest, ctx: { params: Promise<{ id: string }> }) {
  await connection();
  const user = await getSessionUser();
  if (!user) return Response.json({ error: 'Sign in first.' }, { status: 401 });
  if (!can(user, 'Integration: Fulfilment Service - Fulfilment By Amazon')) return Response.json({ error: 'Not allowed.' }, { status: 403 });
  const { id } = await ctx.params;
  if (!z.uuid().safeParse(id).success) return Response.json({ error: 'Unknown FBA connection.' }, { status: 404 });
  const run = await getLatestSyncRun(await getDb(), id);
  return Response.json({ run }, { headers: { 'Cache-Control': 'no-store' } });
}
