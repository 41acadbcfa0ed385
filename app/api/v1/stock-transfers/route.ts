import { apiRoute } from '@/lib/api/route';
import { OPERATIONS } from '@/lib/api/v1/operations';
import { transferCreate, transferList } from '@/lib/api/v1/transfers';

export const GET = apiRoute(OPERATIONS['GET /stock-transfers'], async ({ db, query }) => ({ body: await transferList(db, query) }));

export const POST = apiRoute(OPERATIONS['POST /stock-transfers'], async ({ db, body, user }) => {
  const doc = await transferCreate(db, body, user.id);
  return { status: 201, body: doc, location: `/api/v1/stock-transfers/${doc.id}` };
});
