import { apiRoute } from '@/lib/api/route';
import { inboundGet } from '@/lib/api/v1/inbound-shipments';
import { OPERATIONS } from '@/lib/api/v1/operations';

export const GET = apiRoute({ ...OPERATIONS['GET /inbound-shipments/{id}'], notFound: 'No inbound shipment has this id.' }, async ({ db, params }) => ({ body: await inboundGet(db, params.id) }));
