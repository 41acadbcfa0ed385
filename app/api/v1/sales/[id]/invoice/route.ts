import { apiRoute } from '@/lib/api/route';
import { OPERATIONS } from '@/lib/api/v1/operations';
import { saleAuthoriseInvoice } from '@/lib/api/v1/sale-writes';

export const POST = apiRoute({ ...OPERATIONS['POST /sales/{id}/invoice'], notFound: 'No sale has this id.' }, async ({ db, params, body, user }) => ({ body: await saleAuthoriseInvoice(db, params.id, body, user.id) }));
