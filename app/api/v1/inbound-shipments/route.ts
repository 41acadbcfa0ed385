import { apiRoute } from '@/lib/api/route';
import { inboundList } from '@/lib/api/v1/inbound-shipments';
import { OPERATIONS } from '@/lib/api/v1/operations';

export const GET = apiRoute(OPERATIONS['GET /inbound-shipments'], async ({ db, query }) => ({ body: await inboundList(db, query) }));
