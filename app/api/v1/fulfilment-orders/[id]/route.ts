import { apiRoute } from '@/lib/api/route';
import { foGet } from '@/lib/api/v1/fulfilment-orders';
import { OPERATIONS } from '@/lib/api/v1/operations';

export const GET = apiRoute({ ...OPERATIONS['GET /fulfilment-orders/{id}'], notFound: 'No fulfilment order has this id.' }, async ({ db, params }) => ({ body: await foGet(db, params.id) }));
