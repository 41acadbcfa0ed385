// What differs between the two drivers (postgres.js and PGlite), kept beside the client that picks
// one, so code above db/ writes each query once and never inspects a driver's result or error shape.

/** `execute` returns an array (postgres.js) or `{ rows }` (PGlite). */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

type PgError = { code?: string; constraint?: string; constraint_name?: string; cause?: unknown };

/** The PostgreSQL error under either driver (Drizzle may wrap it in `cause`). */
function pgError(e: unknown, code: string): PgError | null {
  for (let err = e as PgError | undefined; err; err = err.cause as PgError | undefined) if (err.code === code) return err;
  return null;
}

/** Unique violation (23505), optionally for one constraint (PGlite names it `constraint`, postgres.js `constraint_name`). */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  const err = pgError(e, '23505');
  return !!err && (!constraint || (err.constraint ?? err.constraint_name) === constraint);
}

/** Foreign-key violation (23503): the row is still referenced. */
export function isForeignKeyViolation(e: unknown): boolean {
  return pgError(e, '23503') !== null;
}

type PostgresJsQuery = { writable: () => Promise<NodeJS.WritableStream>; reject?: (e: unknown) => void };
type PostgresJsClient = { unsafe: (query: string) => PostgresJsQuery };
type PgliteClient = { query: (query: string, params?: unknown[], options?: { blob?: Blob }) => Promise<unknown> };

/** The driver's own client under a Drizzle transaction (or database): postgres.js's `sql` or PGlite's. */
function clientOf(tx: unknown): PostgresJsClient | PgliteClient {
  const client = (tx as { session?: { client?: unknown } }).session?.client;
  if (!client) throw new Error('No driver client under this database handle.');
  return client as PostgresJsClient | PgliteClient;
}

/** PGlite reads COPY data from a blob: this many bytes per COPY, so a large load never sits whole in memory. */
const PGLITE_COPY_BYTES = 4 << 20;
/** postgres.js sends one CopyData message per write: lines are gathered into chunks this large. */
const COPY_CHUNK_BYTES = 256 << 10;
/** After the last line, how long the server may take to finish the COPY before it is taken as stuck. */
const COPY_FINISH_MS = 120_000;

/** Lines gathered into strings of at least `bytes` characters (the last one shorter). */
export async function* chunked(lines: AsyncIterable<string> | Iterable<string>, bytes: number): AsyncGenerator<string> {
  let parts: string[] = [];
  let size = 0;
  for await (const line of lines) {
    parts.push(line);
    size += line.length;
    if (size >= bytes) {
      yield parts.join('');
      parts = [];
      size = 0;
    }
  }
  if (parts.length > 0) yield parts.join('');
}

/**
 * Loads `lines` (COPY text format, each ending "\n": see `copyText`) into `table` on the
 * connection of `tx`: one `COPY … FROM STDIN` streamed as the lines arrive (postgres.js), or
 * `COPY … FROM '/dev/blob'` a few megabytes at a time (PGlite). `table` and `columns` are SQL
 * identifiers written by our code, never input. An error thrown by `lines` aborts the COPY (the
 * transaction is then failed) and is rethrown as is.
 */
export async function copyInto(tx: unknown, table: string, columns: string[], lines: AsyncIterable<string> | Iterable<string>): Promise<void> {
  const client = clientOf(tx);
  const statement = (from: string) => `COPY ${table} (${columns.join(', ')}) FROM ${from}`;
  if (!('unsafe' in client)) {
    for await (const text of chunked(lines, PGLITE_COPY_BYTES)) await client.query(statement(`'/dev/blob'`), [], { blob: new Blob([text]) });
    return;
  }
  const { Readable } = await import('node:stream');
  const { pipeline } = await import('node:stream/promises');
  // postgres.js resolves a COPY's stream when the server answers CommandComplete; when the server
  // refuses the data after the last line was sent, it only rejects the query (already resolved with
  // the stream), so that rejection is caught here. The timer is a last resort against a hang.
  let stuck: NodeJS.Timeout | undefined;
  let lastLineSent = () => {};
  let refused = (_e: unknown) => {};
  const failed = new Promise<never>((_, reject) => {
    refused = reject;
    lastLineSent = () => {
      stuck = setTimeout(() => reject(new Error(`COPY into ${table} did not finish ${COPY_FINISH_MS / 1000} s after its last line.`)), COPY_FINISH_MS);
      stuck.unref();
    };
  });
  async function* source() {
    yield* chunked(lines, COPY_CHUNK_BYTES);
    lastLineSent();
  }
  try {
    const query = client.unsafe(statement('STDIN'));
    const reject = query.reject;
    if (typeof reject === 'function')
      query.reject = (e: unknown) => {
        refused(e);
        reject.call(query, e);
      };
    const writable = await query.writable();
    await Promise.race([pipeline(Readable.from(source()), writable), failed]);
  } finally {
    clearTimeout(stuck);
  }
}

/** One value in COPY text format: `\N` for null; backslash, tab, newline and carriage return escaped. */
export function copyText(value: string | number | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  if (value.includes('\0')) throw new Error('A NUL character cannot be stored in PostgreSQL text.');
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]) : value;
}
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
