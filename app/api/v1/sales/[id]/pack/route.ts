import { apiRoute } from '@/lib/api/route';
import { OPERATIONS } from '@/lib/api/v1/operations';
import { saleAuthorisePack } from '@/lib/api/v1/sale-writes';

export const POST = apiRoute({ ...OPERATIONS['POST /sales/{id}/pack'], notFound: 'No sale has this id.' }, async ({ db, params, body, user }) => ({ body: await saleAuthorisePack(db, params.id, body, user.id) }));
