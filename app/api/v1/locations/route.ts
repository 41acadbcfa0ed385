import { apiRoute } from '@/lib/api/route';
import { OPERATIONS } from '@/lib/api/v1/operations';
import { locationList } from '@/lib/api/v1/stock';

export const GET = apiRoute(OPERATIONS['GET /locations'], async ({ db }) => ({ body: await locationList(db) }));
