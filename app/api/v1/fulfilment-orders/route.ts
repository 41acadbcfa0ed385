import { apiRoute } from '@/lib/api/route';
import { foList } from '@/lib/api/v1/fulfilment-orders';
import { OPERATIONS } from '@/lib/api/v1/operations';

export const GET = apiRoute(OPERATIONS['GET /fulfilment-orders'], async ({ db, query }) => ({ body: await foList(db, query) }));
