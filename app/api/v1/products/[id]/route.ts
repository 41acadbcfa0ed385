import { apiRoute } from '@/lib/api/route';
import { OPERATIONS } from '@/lib/api/v1/operations';
import { productGet, productUpdate } from '@/lib/api/v1/products';

const notFound = 'No product has this id.';

export const GET = apiRoute({ ...OPERATIONS['GET /products/{id}'], notFound }, async ({ db, params }) => ({ body: await productGet(db, params.id) }));

export const PATCH = apiRoute({ ...OPERATIONS['PATCH /products/{id}'], notFound }, async ({ db, params, body }) => ({ body: await productUpdate(db, params.id, body) }));
