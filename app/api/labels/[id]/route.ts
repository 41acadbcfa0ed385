import { z } from 'zod';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { jsonError, route } from '@/lib/http/route';
import { getLabelPdf } from '@/lib/labels/documents';
import { Id } from '@/lib/validation/id';

/** A finished label PDF, as an attachment under its file name; 404 while it is not done (or unknown). */
export const GET = route({ access: PERMISSION.fba, params: z.object({ id: Id }), notFound: 'Unknown label document.' }, async ({ params }) => {
  const doc = await getLabelPdf(await getDb(), params.id);
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
