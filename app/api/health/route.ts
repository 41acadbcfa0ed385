import { getDb } from '@/db';
import { checkHealth } from '@/lib/health';
import { route } from '@/lib/http/route';

const noStore = { 'cache-control': 'no-store' };

/**
 * For load balancers and `npm start`: answers without signing in. An unreachable database is an
 * answer here (503 "down"), not an unexpected error.
 */
export const GET = route({ access: 'public' }, async () => {
  try {
    const health = await checkHealth(await getDb());
    return Response.json(health, { status: health.status === 'ok' ? 200 : 503, headers: noStore });
  } catch (e) {
    console.error('[health]', e);
    return Response.json({ status: 'down', database: 'unreachable' }, { status: 503, headers: noStore });
  }
});
