import { apiRoute } from '@/lib/api/route';
import { OPERATIONS } from '@/lib/api/v1/operations';
import { saleAuthoriseOrder } from '@/lib/api/v1/sale-writes';

export const POST = apiRoute({ ...OPERATIONS['POST /sales/{id}/order'], notFound: 'No sale has this id.' }, async ({ db, params, user }) => ({ body: await saleAuthoriseOrder(db, params.id, user.id) }));
