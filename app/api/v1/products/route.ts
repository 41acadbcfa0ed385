import { apiRoute } from '@/lib/api/route';
import { OPERATIONS } from '@/lib/api/v1/operations';
import { productCreate, productList } from '@/lib/api/v1/products';

export const GET = apiRoute(OPERATIONS['GET /products'], async ({ db, query }) => ({ body: await productList(db, query) }));

export const POST = apiRoute(OPERATIONS['POST /products'], async ({ db, body }) => {
  const product = await productCreate(db, body);
  return { status: 201, body: product, location: `/api/v1/products/${product.id}` };
});
