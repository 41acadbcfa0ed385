import { apiRoute } from '@/lib/api/route';
import { OPERATIONS } from '@/lib/api/v1/operations';
import { saleAuthoriseShip } from '@/lib/api/v1/sale-writes';

export const POST = apiRoute({ ...OPERATIONS['POST /sales/{id}/ship'], notFound: 'No sale has this id.' }, async ({ db, params, body, user }) => ({ body: await saleAuthoriseShip(db, params.id, body, user.id) }));
