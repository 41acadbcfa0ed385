import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/page-header';
import { Table, Td, Th } from '@/components/ui/table';
import { requireUser } from '@/lib/auth/session';
import { openApiDocument } from '@/lib/api/v1/openapi';

export const metadata: Metadata = { title: 'API reference' };

type Schema = { type?: string | string[]; format?: string; enum?: unknown[]; description?: string; anyOf?: Schema[]; items?: Schema; properties?: Record<string, Schema>; required?: string[]; default?: unknown; maxLength?: number; minimum?: number; maximum?: number };
type Param = { name: string; in: string; required: boolean; schema: Schema; description?: string };
type Op = { summary: string; description?: string; 'x-permission': string; parameters?: Param[]; requestBody?: { required: boolean; content: Record<string, { schema: Schema }> }; responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }> };

/** A schema in a few words: "string (uuid) or null", "one of sku, name", "integer 1–200". */
function typeOf(s: Schema): string {
  if (s.anyOf) return s.anyOf.map(typeOf).join(' or ');
  if (s.enum) return `one of ${s.enum.map(String).join(', ')}`;
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : ['any'];
  const base = types.map((t) => (t === 'array' && s.items ? `list of ${typeOf(s.items)}` : t)).join(' or ');
  const range = s.minimum !== undefined && s.maximum !== undefined ? ` ${s.minimum}–${s.maximum}` : '';
  return `${base}${s.format ? ` (${s.format})` : ''}${range}${s.maxLength !== undefined ? `, at most ${s.maxLength} characters` : ''}`;
}

/** The document's descriptions mark code with backticks (Markdown, as OpenAPI allows): shown as code here. */
function Prose({ text }: { text: string }) {
  return text.split('`').map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part));
}

function Fields({ schema, caption }: { schema: Schema; caption: string }) {
  const props = Object.entries(schema.properties ?? {});
  if (props.length === 0) return <p className="text-sm text-slate-600">{typeOf(schema)}</p>;
  return (
    <Table
      caption={caption}
      head={
        <>
          <Th>Field</Th>
          <Th>Type</Th>
          <Th>Notes</Th>
        </>
      }
    >
      {props.map(([name, s]) => (
        <tr key={name}>
          <Td>
            <code>{name}</code>
            {schema.required?.includes(name) && <span className="ml-1 text-xs text-slate-500">required</span>}
          </Td>
          <Td className="text-sm">{typeOf(s)}</Td>
          <Td className="text-sm">
            <Prose text={s.description ?? s.anyOf?.find((a) => a.description)?.description ?? ''} />
          </Td>
        </tr>
      ))}
    </Table>
  );
}

export default async function ApiReferencePage() {
  await requireUser();
  const doc = openApiDocument() as { info: { description: string }; paths: Record<string, Record<string, Op>> };
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, op })));
  return (
    <>
      <PageHeader title="API reference" crumbs={['Settings', 'API Keys']} />
      <div className="max-w-4xl space-y-6">
        <p className="text-slate-700">
          <Prose text={doc.info.description} />
        </p>
        <p className="text-slate-700">
          The same description as an OpenAPI 3.1 document, for code generators and API tools: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>. Errors are problem details (RFC 9457) with one entry per
          refused field in <code>errors</code>.
        </p>
        <nav aria-label="Operations">
          <ul className="list-inside list-disc text-sm">
            {ops.map(({ method, path, op }) => (
              <li key={method + path}>
                <a href={`#${method}-${path}`} className="underline">
                  {method} {path}
                </a>{' '}
                — {op.summary}
              </li>
            ))}
          </ul>
        </nav>
        {ops.map(({ method, path, op }) => {
          const success = Object.entries(op.responses).find(([status]) => status.startsWith('2'));
          return (
            <section key={method + path} id={`${method}-${path}`} aria-labelledby={`${method}-${path}-title`} className="space-y-3 rounded border border-slate-200 bg-white p-4 shadow-sm">
              <h2 id={`${method}-${path}-title`} className="font-mono text-base font-semibold">
                {method} /api/v1{path}
              </h2>
              <p className="text-slate-700">
                {op.summary}. <Prose text={op.description ?? ''} />
              </p>
              <p className="text-sm text-slate-600">
                Permission: <strong>{op['x-permission']}</strong>
              </p>
              {op.parameters && op.parameters.length > 0 && (
                <Table
                  caption={`Parameters of ${method} ${path}`}
                  head={
                    <>
                      <Th>Parameter</Th>
                      <Th>In</Th>
                      <Th>Type</Th>
                      <Th>Notes</Th>
                    </>
                  }
                >
                  {op.parameters.map((p) => (
                    <tr key={p.in + p.name}>
                      <Td>
                        <code>{p.name}</code>
                        {p.required && <span className="ml-1 text-xs text-slate-500">required</span>}
                      </Td>
                      <Td>{p.in}</Td>
                      <Td className="text-sm">
                        {typeOf(p.schema)}
                        {p.schema.default !== undefined && `, default ${String(p.schema.default)}`}
                      </Td>
                      <Td className="text-sm">
                        <Prose text={p.description ?? ''} />
                      </Td>
                    </tr>
                  ))}
                </Table>
              )}
              {op.requestBody && (
                <>
                  <h3 className="font-medium">Request body (JSON){op.requestBody.required ? '' : ', optional: without one, every field takes its default'}</h3>
                  <Fields schema={op.requestBody.content['application/json']!.schema} caption={`Body of ${method} ${path}`} />
                </>
              )}
              {success?.[1].content && (
                <>
                  <h3 className="font-medium">Answer {success[0]}</h3>
                  <Fields schema={success[1].content['application/json']!.schema} caption={`Answer of ${method} ${path}`} />
                </>
              )}
              <h3 className="font-medium">Refusals</h3>
              <ul className="list-inside list-disc text-sm text-slate-700">
                {Object.entries(op.responses)
                  .filter(([status]) => !status.startsWith('2'))
                  .map(([status, r]) => (
                    <li key={status}>
                      <strong>{status}</strong>: <Prose text={r.description} />
                    </li>
                  ))}
              </ul>
            </section>
          );
        })}
      </div>
    </>
  );
}
