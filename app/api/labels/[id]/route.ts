import { z } from 'zod';
import { getDb } from '@/db';
import { can } from '@/lib/auth/permissions';
import { jsonError, route } from '@/lib/http/route';
import { getLabelDownload, LABEL_PERMISSIONS, labelPermission } from '@/lib/labels/documents';
import { Id } from '@/lib/validation/id';

/** A finished label PDF, as an attachment under its file name; 404 while it is not done (or unknown). */
export const GET = route({ access: LABEL_PERMISSIONS, params: z.object({ id: Id }), notFound: 'Unknown label document.' }, async ({ params, user }) => {
  const found = await getLabelDownload(await getDb(), params.id);
  if (!found) return jsonError(404, { error: 'These labels are not ready (or do not exist).' });
  // FBA labels need the FBA permission, bin labels Reference Books, warehouse product labels Products.
  if (!can(user, labelPermission(found.kind))) return jsonError(403, { error: `Not allowed: you need the ${labelPermission(found.kind)} permission.` });
  const doc = found.file;
  if (!doc) return jsonError(404, { error: 'These labels are not ready (or do not exist).' });
  return new Response(new Uint8Array(doc.pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Length': String(doc.pdf.length),
      'Content-Disposition': `attachment; filename="${doc.fileName.replace(/[^\w.-]/g, '_')}"`,
      'Cache-Control': 'private, no-store',
    },
  });
});
