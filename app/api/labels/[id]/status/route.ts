import { z } from 'zod';
import { getDb } from '@/db';
import { can } from '@/lib/auth/permissions';
import { jsonError, route } from '@/lib/http/route';
import { getLabelDocument, LABEL_PERMISSIONS, labelPermission } from '@/lib/labels/documents';
import { Id } from '@/lib/validation/id';

/** A label document's progress (`{ document }`), polled by the list while it is queued or running. */
export const GET = route({ access: LABEL_PERMISSIONS, params: z.object({ id: Id }), notFound: 'Unknown label document.' }, async ({ params, user }) => {
  const document = await getLabelDocument(await getDb(), params.id);
  if (!document) return jsonError(404, { error: 'Unknown label document.' });
  if (!can(user, labelPermission(document.kind))) return jsonError(403, { error: `Not allowed: you need the ${labelPermission(document.kind)} permission.` });
  return Response.json({ document }, { headers: { 'Cache-Control': 'no-store' } });
});
