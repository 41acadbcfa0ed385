import { apiRoute } from '@/lib/api/route';
import { OPERATIONS } from '@/lib/api/v1/operations';
import { saleGet } from '@/lib/api/v1/sales';

export const GET = apiRoute({ ...OPERATIONS['GET /sales/{id}'], notFound: 'No sale has this id.' }, async ({ db, params }) => ({ body: await saleGet(db, params.id) }));
