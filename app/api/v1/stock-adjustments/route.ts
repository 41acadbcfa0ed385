import { apiRoute } from '@/lib/api/route';
import { adjustmentCreate, adjustmentList } from '@/lib/api/v1/adjustments';
import { OPERATIONS } from '@/lib/api/v1/operations';

export const GET = apiRoute(OPERATIONS['GET /stock-adjustments'], async ({ db, query }) => ({ body: await adjustmentList(db, query) }));

export const POST = apiRoute(OPERATIONS['POST /stock-adjustments'], async ({ db, body, user }) => {
  const doc = await adjustmentCreate(db, body, user.id);
  return { status: 201, body: doc, location: `/api/v1/stock-adjustments/${doc.id}` };
});
