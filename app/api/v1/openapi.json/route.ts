import { route } from '@/lib/http/route';
import { openApiDocument } from '@/lib/api/v1/openapi';

/** The API's own description: public, like any API's reference (it holds no data). */
export const GET = route({ access: 'public' }, async () => Response.json(openApiDocument(), { headers: { 'cache-control': 'public, max-age=300' } }));
