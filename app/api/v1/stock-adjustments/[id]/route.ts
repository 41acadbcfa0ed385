import { apiRoute } from '@/lib/api/route';
import { adjustmentGet } from '@/lib/api/v1/adjustments';
import { OPERATIONS } from '@/lib/api/v1/operations';

export const GET = apiRoute({ ...OPERATIONS['GET /stock-adjustments/{id}'], notFound: 'No stock adjustment has this id.' }, async ({ db, params }) => ({ body: await adjustmentGet(db, params.id) }));
