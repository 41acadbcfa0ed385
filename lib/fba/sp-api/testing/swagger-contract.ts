// Validates recorded exchanges against the schema facts of Amazon's Swagger 2.0 models (generated
// into ./amazon-models by scripts/sp-api-models.ts): response bodies against the schema of their
// status, request bodies against the body parameter, and query strings against the declared query
// parameters. Test-only.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { SP_API_OPERATIONS, type OperationName } from '../models/operations';
import type { ExchangeEvent } from '../transport';

export const MODELS_DIR = path.join(import.meta.dirname, 'amazon-models');

interface SwaggerParameter {
  name: string;
  in: 'query' | 'path' | 'body' | 'header';
  required?: boolean;
  type?: string;
  enum?: unknown[];
  items?: { type?: string; enum?: unknown[] };
  maxItems?: number;
  minItems?: number;
  schema?: object;
}
interface SwaggerOperation {
  operationId: string;
  /** Amazon's published rate (requests per second) and burst. */
  usagePlan: { rate: number; burst: number } | null;
  parameters?: SwaggerParameter[];
  responses: Record<string, { schema?: object }>;
}
interface SwaggerModel {
  paths: Record<string, Record<string, SwaggerOperation>>;
  definitions: Record<string, object>;
}

// ajv-formats ships as CommonJS with a default export; under ESM interop it may arrive wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

export class SwaggerContract {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly models = new Map<string, SwaggerModel>();
  private readonly validators = new Map<string, ValidateFunction>();

  constructor() {
    addFormats(this.ajv);
    for (const format of ['int32', 'int64', 'double', 'float']) this.ajv.addFormat(format, true);
  }

  operation(name: OperationName): SwaggerOperation {
    const spec = SP_API_OPERATIONS[name];
    const model = this.model(spec.model);
    const op = model.paths[spec.path]?.[spec.method.toLowerCase()];
    if (!op || op.operationId !== name) throw new Error(`${name} is not ${spec.method} ${spec.path} in ${spec.model}`);
    return op;
  }

  /** Returns a list of problems; empty when the exchange matches the model. */
  check(event: ExchangeEvent): string[] {
    const op = this.operation(event.operation);
    const spec = SP_API_OPERATIONS[event.operation];
    const problems: string[] = [];
    const params = op.parameters ?? [];

    const bodyParam = params.find((p) => p.in === 'body');
    if (bodyParam?.schema) problems.push(...this.validate(`${event.operation}:request`, spec.model, bodyParam.schema, event.requestBody, 'request body'));
    else if (event.requestBody !== undefined) problems.push('request has a body the model does not declare');

    const query = new URL(event.url).searchParams;
    for (const p of params.filter((x) => x.in === 'query')) {
      const raw = query.get(p.name);
      if (raw === null) {
        if (p.required) problems.push(`missing required query parameter ${p.name}`);
        continue;
      }
      const value = p.type === 'array' ? raw.split(',') : p.type === 'integer' || p.type === 'number' ? Number(raw) : p.type === 'boolean' ? raw === 'true' ? true : raw === 'false' ? false : raw : raw;
      const { name: _name, in: _in, required: _required, ...schema } = p;
      problems.push(...this.validate(`${event.operation}:query:${p.name}`, spec.model, schema, value, `query ${p.name}`));
    }
    for (const name of query.keys()) if (!params.some((p) => p.in === 'query' && p.name === name)) problems.push(`unknown query parameter ${name}`);

    const response = op.responses[String(event.status)];
    if (!response) problems.push(`status ${event.status} is not declared`);
    else if (response.schema) problems.push(...this.validate(`${event.operation}:${event.status}`, spec.model, response.schema, event.responseBody, `response ${event.status}`));
    if (!event.requestId) problems.push('response without x-amzn-RequestId');
    return problems;
  }

  private model(file: string): SwaggerModel {
    let model = this.models.get(file);
    if (!model) {
      model = JSON.parse(readFileSync(path.join(MODELS_DIR, file), 'utf8')) as SwaggerModel;
      this.models.set(file, model);
    }
    return model;
  }

  private validate(key: string, file: string, schema: object, value: unknown, label: string): string[] {
    let validator = this.validators.get(key);
    if (!validator) {
      // Swagger's "#/definitions/X" refs resolve against the model's definitions, carried inline.
      validator = this.ajv.compile({ ...schema, definitions: this.model(file).definitions });
      this.validators.set(key, validator);
    }
    if (validator(value)) return [];
    return (validator.errors ?? []).map((e) => `${label}${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  }
}
