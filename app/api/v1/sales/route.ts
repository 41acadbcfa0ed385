import { apiRoute } from '@/lib/api/route';
import { OPERATIONS } from '@/lib/api/v1/operations';
import { saleList } from '@/lib/api/v1/sales';

export const GET = apiRoute(OPERATIONS['GET /sales'], async ({ db, query }) => ({ body: await saleList(db, query) }));
