import { z } from 'zod';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { DomainError } from '@/lib/errors';
import { previewFor } from '@/lib/fulfilment/preview';
import { route } from '@/lib/http/route';
import { Id } from '@/lib/validation/id';

/**
 * Amazon's preview of a sale's lines at its FBA locations (`{ locations }`), read by the Ship tab
 * before Ship is authorised. Each location's call has its own timeout, so the answer always comes.
 */
export const GET = route({ access: PERMISSION.sale, params: z.object({ id: Id }), notFound: 'Unknown sale.' }, async ({ params }) => {
  const locations = await previewFor(await getDb(), params.id);
  if (!locations) throw new DomainError('NOT_FOUND', 'Unknown sale.');
  return Response.json({ locations }, { headers: { 'Cache-Control': 'no-store' } });
});
