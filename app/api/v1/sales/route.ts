import { apiRoute } from '@/lib/api/route';
import { OPERATIONS } from '@/lib/api/v1/operations';
import { saleCreate } from '@/lib/api/v1/sale-writes';
import { saleList } from '@/lib/api/v1/sales';

export const GET = apiRoute(OPERATIONS['GET /sales'], async ({ db, query }) => ({ body: await saleList(db, query) }));

export const POST = apiRoute(OPERATIONS['POST /sales'], async ({ db, body, user }) => {
  const sale = await saleCreate(db, body, user.id);
  return { status: 201, body: sale, location: `/api/v1/sales/${sale.id}` };
});
