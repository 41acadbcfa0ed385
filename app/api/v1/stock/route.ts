import { apiRoute } from '@/lib/api/route';
import { OPERATIONS } from '@/lib/api/v1/operations';
import { stockList } from '@/lib/api/v1/stock';

export const GET = apiRoute(OPERATIONS['GET /stock'], async ({ db, query }) => ({ body: await stockList(db, query) }));
