import { z } from 'zod';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { jsonError, route } from '@/lib/http/route';
import { getLabelDocument } from '@/lib/labels/documents';
import { Id } from '@/lib/validation/id';

/** A label document's progress (`{ document }`), polled by the list while it is queued or running. */
export const GET = route({ access: PERMISSION.fba, params: z.object({ id: Id }), notFound: 'Unknown label document.' }, async ({ params }) => {
  const document = await getLabelDocument(await getDb(), params.id);
  if (!document) return jsonError(404, { error: 'Unknown label document.' });
  return Response.json({ document }, { headers: { 'Cache-Control': 'no-store' } });
});
