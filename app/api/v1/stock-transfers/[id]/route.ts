import { apiRoute } from '@/lib/api/route';
import { OPERATIONS } from '@/lib/api/v1/operations';
import { transferGet } from '@/lib/api/v1/transfers';

export const GET = apiRoute({ ...OPERATIONS['GET /stock-transfers/{id}'], notFound: 'No stock transfer has this id.' }, async ({ db, params }) => ({ body: await transferGet(db, params.id) }));
