import { z } from 'zod';
import { OPERATIONS, type Operation } from './operations';

type Json = Record<string, unknown>;

const schemaOf = (s: z.ZodType, io: 'input' | 'output'): Json => {
  const { $schema: _, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
  return rest;
};

const Problem = {
  type: 'object',
  description: 'RFC 9457 problem details; `errors` lists each refused field (`pointer` into the body, or `parameter` of the query).',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', properties: { detail: { type: 'string' }, pointer: { type: 'string' }, parameter: { type: 'string' } }, required: ['detail'] } },
    reference: { type: 'string', description: 'On a 500: the reference of the entry in the server log.' },
  },
};

const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });

function parametersOf(op: Operation, path: string): Json[] {
  const out: Json[] = [];
  for (const name of path.match(/\{(\w+)\}/g)?.map((m) => m.slice(1, -1)) ?? []) {
    const props = (op.params ? (schemaOf(op.params, 'input').properties as Record<string, Json>) : {}) ?? {};
    out.push({ name, in: 'path', required: true, schema: props[name] ?? { type: 'string' } });
  }
  if (op.query) {
    const q = schemaOf(op.query, 'input');
    const required = new Set((q.required as string[] | undefined) ?? []);
    for (const [name, schema] of Object.entries((q.properties as Record<string, Json>) ?? {})) {
      const { description, ...rest } = schema;
      out.push({ name, in: 'query', required: required.has(name), schema: rest, ...(description ? { description } : {}) });
    }
  }
  return out;
}

/** The OpenAPI 3.1 document of /api/v1, generated from the operations' zod schemas. */
export function openApiDocument(): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const [key, op] of Object.entries(OPERATIONS) as [string, Operation][]) {
    const [method, path] = key.split(' ') as [string, string];
    const responses: Json = {
      [String(op.status)]: { description: op.summary, content: { 'application/json': { schema: schemaOf(op.response, 'output') } } },
      '401': problemResponse('No key, or an unknown or revoked key, or its owner is inactive.'),
      '403': problemResponse(`The key lacks the ${op.permission} permission, or its owner does.`),
      '429': problemResponse('Too many requests for this key; see the RateLimit and Retry-After headers.'),
    };
    if (op.query || op.body) responses[op.body ? '422' : '400'] = problemResponse('Invalid input: each field’s problem is in `errors`.');
    if (op.params) responses['404'] = problemResponse('No such record.');
    if (op.body || method === 'POST') responses['409'] = problemResponse('Conflicts with what is stored (a duplicate, a stale state, a stage the record is not ready for).');
    if (op.body) responses['415'] = problemResponse('The body is not JSON.');
    const parameters = parametersOf(op, path);
    if (method === 'POST')
      parameters.push({ name: 'Idempotency-Key', in: 'header', required: false, description: 'A repeat with the same key and request gets the first answer again; nothing is written twice.', schema: { type: 'string', maxLength: 255 } });
    paths[path] ??= {};
    paths[path][method.toLowerCase()] = {
      operationId: `${method.toLowerCase()}${path.replace(/\{(\w+)\}/g, 'By_$1').replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      tags: [op.tag],
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      'x-permission': op.permission,
      ...(parameters.length ? { parameters } : {}),
      ...(op.body ? { requestBody: { required: !op.optionalBody, content: { 'application/json': { schema: schemaOf(op.body, 'input') } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Inventory API',
      version: '1',
      description:
        'Products, locations and stock for other systems (a 3PL, a shop). Authenticate with an API key from Settings → API Keys as `Authorization: Bearer <key>`; the key acts as its owner with the permissions ticked on it. Lists page by cursor (`nextCursor` → `cursor`). Money is decimal text, never a float. Each key may make a limited number of requests per minute (RateLimit headers).',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ apiKey: [] }],
    components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'An API key (fbak_…) from Settings → API Keys.' } }, schemas: { Problem } },
    paths,
  };
}
