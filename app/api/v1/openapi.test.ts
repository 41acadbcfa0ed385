import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '@/lib/auth/permissions';
import { openApiDocument } from '@/lib/api/v1/openapi';
import { OPERATIONS } from '@/lib/api/v1/operations';
import { absolute, findAppFiles } from '@/test/app-files';

/**
 * The OpenAPI document and the route files on disk describe the same API: every route method under
 * app/api/v1 is an operation of the document with the same permission and schemas, and every
 * operation has its route. (That each answer fits its schema is checked on every API call under
 * test: lib/api/route.ts.)
 */
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const files = findAppFiles('route.ts').filter((f) => f.startsWith('app/api/v1/') && !f.includes('openapi.json'));
const pathOf = (file: string) => file.replace(/^app\/api\/v1/, '').replace(/\/route\.ts$/, '').replace(/\[(\w+)\]/g, '{$1}');

type Handler = { access?: { api?: unknown }; body?: unknown; query?: unknown };

async function routesOnDisk(): Promise<Map<string, Handler>> {
  const found = new Map<string, Handler>();
  for (const file of files) {
    const mod = (await import(absolute(file))) as Record<string, Handler>;
    for (const m of METHODS) if (mod[m]) found.set(`${m} ${pathOf(file)}`, mod[m]);
  }
  return found;
}

function mismatches(onDisk: Map<string, Handler>, operations: Record<string, { permission: string; body?: unknown; query?: unknown }>): string[] {
  const out: string[] = [];
  for (const [key, h] of onDisk) {
    const op = operations[key];
    if (!op) out.push(`${key}: a route with no operation in the OpenAPI document`);
    else if (h.access?.api !== op.permission) out.push(`${key}: the route needs ${String(h.access?.api)}, the document says ${op.permission}`);
    else if (h.body !== op.body || h.query !== op.query) out.push(`${key}: the route reads other schemas than its operation's`);
  }
  for (const key of Object.keys(operations)) if (!onDisk.has(key)) out.push(`${key}: an operation with no route`);
  return out;
}

describe('/api/v1/openapi.json', () => {
  it('has an operation for every route and a route for every operation', async () => {
    const onDisk = await routesOnDisk();
    expect(onDisk.size).toBeGreaterThanOrEqual(6);
    expect(mismatches(onDisk, OPERATIONS)).toEqual([]);
  });

  it('fails a route left out of the document, or one that needs another permission', async () => {
    const onDisk = await routesOnDisk();
    const { ['GET /stock']: _left, ...fewer } = OPERATIONS;
    expect(mismatches(onDisk, fewer)).toEqual(['GET /stock: a route with no operation in the OpenAPI document']);
    const other = { ...OPERATIONS, 'GET /locations': { ...OPERATIONS['GET /locations'], permission: PERMISSIONS[0] } };
    expect(mismatches(onDisk, other)).toEqual([`GET /locations: the route needs Reference Books, the document says ${PERMISSIONS[0]}`]);
    expect(mismatches(new Map([...onDisk, ['DELETE /products/{id}', { access: { api: 'Products' } }]]), OPERATIONS)).toEqual(['DELETE /products/{id}: a route with no operation in the OpenAPI document']);
  });

  it('is an OpenAPI 3.1 document with every path, its parameters, bodies, answers and the bearer scheme', () => {
    const doc = openApiDocument() as { openapi: string; paths: Record<string, Record<string, Record<string, unknown>>>; components: { securitySchemes: Record<string, unknown> } };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(['/fulfilment-orders', '/fulfilment-orders/{id}', '/inbound-shipments', '/inbound-shipments/{id}', '/locations', '/products', '/products/{id}', '/sales', '/sales/{id}', '/sales/{id}/invoice', '/sales/{id}/order', '/sales/{id}/pack', '/sales/{id}/pick', '/sales/{id}/ship', '/stock', '/stock-adjustments', '/stock-adjustments/{id}', '/stock-transfers', '/stock-transfers/{id}']);
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    const list = doc.paths['/products']!.get!;
    expect((list.parameters as { name: string }[]).map((p) => p.name)).toEqual(['q', 'sort', 'cursor', 'limit']);
    const create = doc.paths['/products']!.post!;
    expect(create.requestBody).toMatchObject({ content: { 'application/json': { schema: { type: 'object', properties: { sku: { type: 'string' } }, additionalProperties: false } } } });
    expect((create.parameters as { name: string; in: string }[]).find((p) => p.name === 'Idempotency-Key')).toMatchObject({ in: 'header' });
    expect(Object.keys(create.responses as object).sort()).toEqual(['201', '401', '403', '409', '415', '422', '429']);
    expect(doc.paths['/products/{id}']!.get!.parameters).toEqual([{ name: 'id', in: 'path', required: true, schema: expect.objectContaining({ type: 'string', format: 'uuid' }) }]);
    const ids = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o.operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
