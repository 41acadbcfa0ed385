import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import type { DbHandle } from '@/db/client';
import { rowsOf } from '@/db/driver';
import { users } from '@/db/schema';
import { PERMISSIONS } from '@/lib/auth/permissions';
import { absolute, findAppFiles } from '@/test/app-files';
import { createTestDb } from '@/test/db';
import { seedCompany } from '@/test/seeded-company';
import { signInAs, testSession, userWith } from '@/test/session';

/**
 * Every server action on disk, called by a user who holds its permission, on a seeded embedded
 * database, with generated bad forms: wrong types, 100 kB strings, negative / fractional / huge
 * quantities, unknown and malformed ids, real ids of other records, empty forms, repeated fields
 * where one value is expected, files where text is expected.
 *
 * The rule: every answer is either
 * - `{ status: 'error' }` with a field error or a domain message (never the "Something went
 *   wrong" answer an unexpected error gets, never a thrown error), and then nothing in the
 *   database changed (every row of every table compared); or
 * - a success (`ok`, or Next's redirect), which a generated form may legitimately earn (a real
 *   location id sent to Delete location, any text as a price tier's name): what it wrote is the
 *   action's own tests' business; the next run starts from what it left.
 */
vi.mock('@/lib/auth/session', () => import('@/test/session').then((m) => m.sessionModule()));
vi.mock('@/db', () => import('@/test/session').then((m) => m.dbModule()));
vi.mock('next/cache', () => import('@/test/next').then((m) => m.nextCache()));
vi.mock('next/navigation', (original) => import('@/test/next').then((m) => m.nextNavigation(original)));
// A form valid enough to start Connect with Amazon reads the request's origin for the callback URL.
vi.mock('next/headers', () => ({ headers: async () => new Headers({ origin: 'http://localhost:3000' }) }));

const RUNS_PER_ACTION = Number(process.env.BAD_INPUT_RUNS ?? 12);

type Answer = { status: string; message?: string; fieldErrors?: Record<string, string[]>; reference?: string };
type WrappedAction = ((prev: unknown, f: FormData) => Promise<Answer>) & { permission: (typeof PERMISSIONS)[number] | 'administrator'; input: z.ZodType };

let handle: DbHandle;
let baseline: Map<string, string>;
let userId: string;
/** Real ids of seeded rows, from every table with an id. */
const realIds: string[] = [];
let fingerprintSql: string;
let lastLogged = '';

beforeAll(async () => {
  const first = await createTestDb();
  const db = first.db;
  await seedCompany(db);
  const [admin] = await db.select({ id: users.id }).from(users).limit(1);
  userId = admin!.id;

  const tables = rowsOf<{ t: string; hasId: boolean }>(
    await db.execute(
      sql`SELECT table_name AS t, EXISTS (SELECT 1 FROM information_schema.columns c WHERE c.table_schema = 'public' AND c.table_name = t.table_name AND c.column_name = 'id' AND c.data_type = 'uuid') AS "hasId" FROM information_schema.tables t WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
    ),
  );
  for (const { t, hasId } of tables) {
    if (!hasId) continue;
    const rows = rowsOf<{ id: string }>(await db.execute(sql`SELECT id::text AS id FROM ${sql.identifier(t)} ORDER BY id LIMIT 3`));
    realIds.push(...rows.map((r) => r.id));
  }
  // The audit log records the writes of the other tables (the same transaction): it changes only with them.
  fingerprintSql = tables.filter(({ t }) => t !== 'audit_log').map(({ t }) => `SELECT '${t}' AS t, count(*)::text || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') AS h FROM "${t}" x`).join(' UNION ALL ');

  handle = first;
  testSession.db = db;
  baseline = await fingerprint();
  expect(realIds.length).toBeGreaterThan(20);
  // Unexpected errors are logged by the wrapper; the test keeps the last one to name the cause.
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    lastLogged = args.map(String).join(' ');
  });
}, 120_000);

afterAll(() => {
  testSession.db = null;
  if (process.env.BAD_INPUT_STATS) console.log([...tally].map(([n, t]) => `${n.replace(/^app\/\(app\)\//, '')}: ok ${t.ok}, field ${t.field}, domain ${t.domain}`).join('\n'));
});

async function fingerprint(): Promise<Map<string, string>> {
  return new Map(rowsOf<{ t: string; h: string }>(await handle.db.execute(sql.raw(fingerprintSql))).map((r) => [r.t, r.h]));
}

async function changedTables(): Promise<string[]> {
  const now = await fingerprint();
  return [...baseline.keys()].filter((t) => baseline.get(t) !== now.get(t));
}

/**
 * After a run that may write (a success, a thrown error), the next runs start from what it left:
 * the seed drifts a little, which is still a seeded database, and costs far less than reopening.
 */
async function rebaseline() {
  baseline = await fingerprint();
}

// ---- generated values ------------------------------------------------------------------------

const HUGE = 100_000;
const wrongTypes = fc.constantFrom('', ' ', 'abc', 'true', 'false', 'null', 'undefined', '{}', '[]', '[object Object]', 'on', 'NaN', 'Infinity', '-Infinity', '1,000', '0x10', '1e3', ' 7 ', '١٢', '2026-02-30', '9999-12-31T99:99', "'; DROP TABLE products; --", '<script>alert(1)</script>', '../../etc/passwd', '\u202e\u200b', '🙂🙂', 'DEMO-001', 'Draft', 'Authorise', 'Void', 'complete', 'Order', 'Pick', 'B-01', 'A-01');
const hugeStrings = fc.constantFrom('x'.repeat(HUGE), '9'.repeat(HUGE), `${'ab '.repeat(HUGE / 3)}`, `-${'1'.repeat(HUGE)}`);
const quantities = fc.oneof(
  fc.constantFrom('-1', '-0', '0', '0.5', '1.5', '-2.25', '3.999999999', '1e308', '-1e308', '99999999999999999999', '2147483648', '2147483647', '999999999', '1000000000', '9007199254740993', '0.0001', '0.00001', '12.345', '-999999999999.99'),
  fc.integer({ min: -2_000_000_000_000, max: 2_000_000_000_000 }).map(String),
  fc.double({ noNaN: false }).map(String),
);
const malformedIds = fc.oneof(
  fc.constantFrom('1234', 'not-a-uuid', '00000000-0000-0000-0000-00000000000g', '{00000000-0000-4000-8000-000000000000}', '00000000000040008000000000000000', '00000000-0000-4000-8000-0000000000001'),
  fc.uuid().map((u) => `${u} `),
  fc.uuid().map((u) => u.slice(0, 35)),
);
const unknownIds = fc.oneof(fc.uuid(), fc.constantFrom('00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '00000000-0000-4000-8000-000000000001'));
const someText = fc.string({ maxLength: 40, unit: 'grapheme' });

function textValue() {
  return fc.oneof(
    { weight: 3, arbitrary: wrongTypes },
    { weight: 1, arbitrary: hugeStrings },
    { weight: 3, arbitrary: quantities },
    { weight: 2, arbitrary: malformedIds },
    { weight: 2, arbitrary: unknownIds },
    { weight: 3, arbitrary: fc.constantFrom(...realIds) },
    { weight: 2, arbitrary: someText },
  );
}

/** A value as a form posts it: usually text, sometimes a file where text is expected. */
function formValue(): fc.Arbitrary<string | File> {
  return fc.oneof(
    { weight: 12, arbitrary: textValue() },
    { weight: 1, arbitrary: fc.constantFrom(new File(['sku,name\n,'], 'x.csv', { type: 'text/csv' }), new File([new Uint8Array([0, 255, 1])], 'x.bin')) },
  );
}

type Def = { type?: string; shape?: Record<string, z.ZodType>; entries?: Record<string, string>; values?: unknown[]; element?: z.ZodType } & Record<string, unknown>;
const defOf = (s: unknown): Def | undefined => (s as { _zod?: { def?: Def } } | null)?._zod?.def;

/**
 * What a schema reads, through optional, default, pipes, transforms and unions: the field names of
 * its object(s), and the words its enums and literals accept (so some forms get past the shape
 * checks and reach the rules behind them).
 */
function schemaParts(schema: z.ZodType): { keys: string[]; words: string[]; wordsOf: Map<string, string[]> } {
  const keys = new Set<string>();
  const wordsOf = new Map<string, Set<string>>();
  const seen = new Set<unknown>();
  const add = (key: string, w: string) => wordsOf.set(key, (wordsOf.get(key) ?? new Set()).add(w));
  const walk = (s: unknown, key: string | null) => {
    const def = defOf(s);
    if (!def || seen.has(s)) return;
    seen.add(s);
    if (def.type === 'enum') for (const v of Object.values(def.entries ?? {})) add(key ?? '', String(v));
    if (def.type === 'literal') for (const v of def.values ?? []) if (typeof v === 'string' && v) add(key ?? '', v);
    if (def.type === 'object') {
      for (const [k, child] of Object.entries(def.shape ?? {})) {
        if (key === null) keys.add(k);
        walk(child, key ?? k);
      }
      return;
    }
    for (const v of Object.values(def)) {
      if (Array.isArray(v)) v.forEach((x) => walk(x, key));
      else walk(v, key);
    }
  };
  walk(schema, null);
  const lists = new Map([...wordsOf].map(([k, v]) => [k, [...v]]));
  return { keys: [...keys], words: [...new Set([...lists.values()].flat())], wordsOf: lists };
}

/** Cells of the line forms and the keyed inputs custom parsers read (`quantity.0`, `place.1`, `tracking.<id>`, …). */
function cellNames(): string[] {
  const lineFields = ['sku', 'quantity', 'price', 'location', 'place', 'labelOwner', 'prepOwner', 'unitCost', 'length', 'width', 'height', 'weight'];
  const id = realIds[0]!;
  return [
    ...lineFields.flatMap((f) => [`${f}.0`, `${f}.1`]),
    'qty.0.1',
    'qty.1.2',
    `counted.${id}`,
    `unitCost.${id}`,
    `transport.${id}`,
    `window.${id}`,
    `tracking.${id}`,
    'permissions',
    'marketplaceIds',
    'file',
  ];
}

function formOf(entries: [string, string | File][]): FormData {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
}

function formsFor(fn: WrappedAction): fc.Arbitrary<[string, string | File][]> {
  const { keys, words, wordsOf } = schemaParts(fn.input);
  const names = [...new Set([...keys, ...cellNames()])];
  // Half the time a value of the right shape (a real id, an accepted word, a small number), so the
  // form gets past its schema and meets the rules behind it with ids of the wrong records.
  const plausible = fc.oneof(fc.constantFrom(...realIds), fc.constantFrom('1', '2', '0', '', ...words), fc.uuid());
  const value = fc.oneof(formValue(), plausible);
  const entry = fc.tuple(fc.constantFrom(...names), value);
  // Every field the schema reads, each once or repeated (an array where one value is expected), plus some cells.
  const full = keys.length
    ? fc.tuple(fc.tuple(...keys.map((k) => fc.oneof({ weight: 4, arbitrary: value.map((v) => [v]) }, { weight: 1, arbitrary: fc.array(value, { minLength: 2, maxLength: 3 }) }).map((vs) => vs.map((v) => [k, v] as [string, string | File])))), fc.array(entry, { maxLength: 4 })).map(([perKey, extra]) => [...perKey.flat(), ...extra])
    : fc.array(entry, { maxLength: 6 });
  // Each field once with a value of the kind its name suggests (one of its words, an id of some
  // record, a small number, an email...), then one or two fields swapped for a bad value: forms
  // that get past their schema and meet the rules behind it, or fail on just those fields.
  const goodValue = (k: string): fc.Arbitrary<string> => {
    const own = wordsOf.get(k) ?? [];
    if (/email/i.test(k)) return fc.constantFrom('a@example.com', 'admin@example.com');
    if (/country/i.test(k)) return fc.constant('US');
    if (/phone/i.test(k)) return fc.constant('+1 206 555 0100');
    if (/date/i.test(k) || /On$/.test(k)) return fc.constant('2026-12-01');
    if (/currency/i.test(k)) return fc.constant('USD');
    if (/^auto[A-Z]/.test(k)) return fc.constantFrom('Manual', 'Automatic');
    if (/password/i.test(k)) return fc.constant('a-long-enough-password');
    if (/hour/i.test(k)) return fc.constantFrom('0', '6', '23');
    if (/tier/i.test(k)) return fc.constantFrom('1', '2');
    if (own.length) return fc.constantFrom(...own);
    if (/id$/i.test(k)) return fc.constantFrom(...realIds);
    if (/quantity|qty|count|price|cost|amount|total/i.test(k)) return fc.constantFrom('1', '2', '5', '12.50');
    return fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ]{0,19}$/);
  };
  const lineCells = fc.array(
    fc
      .tuple(fc.nat(2), fc.constantFrom('DEMO-001', 'DEMO-002', 'DEMO-028', 'NOPE-1'), fc.oneof({ weight: 3, arbitrary: fc.constantFrom('1', '3') }, { weight: 1, arbitrary: quantities }), fc.constantFrom(...realIds))
      .map(([i, sku, q, id]) => [
        [`sku.${i}`, sku],
        [`quantity.${i}`, q],
        [`location.${i}`, id],
        [`place.${i}`, id],
        [`price.${i}`, '2.50'],
      ] as [string, string][]),
    { maxLength: 3 },
  );
  const shaped = fc
    .tuple(fc.tuple(...keys.map((k) => goodValue(k))), fc.subarray(keys, { maxLength: Math.min(2, keys.length) }), fc.array(formValue(), { minLength: 2, maxLength: 2 }), lineCells)
    .map(([good, badKeys, bad, lines]) => [...keys.map((k, i) => [k, badKeys.includes(k) ? bad[badKeys.indexOf(k)]! : good[i]!] as [string, string | File]), ...lines.flat()]);
  return fc.oneof(
    { weight: 3, arbitrary: shaped },
    { weight: 2, arbitrary: full },
    { weight: 1, arbitrary: fc.array(entry, { maxLength: 8 }) },
    { weight: 1, arbitrary: fc.constant<[string, string | File][]>([]) },
  );
}

/** A form for a failure message: long values cut to their length and start. */
function describeForm(entries: [string, string | File][]): string {
  const show = (v: string | File) => (typeof v !== 'string' ? `<file ${v.name}>` : v.length > 60 ? `<${v.length} chars: ${JSON.stringify(v.slice(0, 20))}…>` : JSON.stringify(v));
  return entries.length ? entries.map(([k, v]) => `${k}=${show(v)}`).join(' ') : '(empty)';
}

// ---- the check ---------------------------------------------------------------------------------

/** Per action, how its answers went: a success, a field error, a domain message (BAD_INPUT_STATS=1 prints them). */
const tally = new Map<string, { ok: number; field: number; domain: number }>();
const count = (name: string, kind: 'ok' | 'field' | 'domain') => {
  const t = tally.get(name) ?? { ok: 0, field: 0, domain: 0 };
  t[kind] += 1;
  tally.set(name, t);
};

/** What is wrong with one call, or null. A success is fine; a refusal must be a clean one. */
async function problemWith(name: string, fn: WrappedAction, entries: [string, string | File][]): Promise<string | null> {
  if (fn.permission === 'administrator') testSession.user = { ...userWith([], userId), isAdmin: true };
  else signInAs([fn.permission], userId);
  let answer: Answer;
  try {
    answer = await fn({ status: 'idle' }, formOf(entries));
  } catch (e) {
    if (typeof (e as { digest?: unknown }).digest === 'string' && (e as { digest: string }).digest.startsWith('NEXT_REDIRECT')) answer = { status: 'ok' };
    else {
      await rebaseline();
      return `threw ${(e as Error).message}`;
    }
  }
  if (answer.status === 'ok') {
    count(name, 'ok');
    await rebaseline();
    return null;
  }
  const changed = await changedTables();
  if (changed.length > 0) await rebaseline();
  if (answer.status !== 'error') return `answered ${answer.status}`;
  if (answer.reference || /Something went wrong/.test(answer.message ?? '')) return `unexpected error: ${lastLogged.split('\n').slice(0, 6).join(' | ')}`;
  const fieldMessages = Object.values(answer.fieldErrors ?? {}).flat();
  if (fieldMessages.length === 0 && !answer.message?.trim()) return 'refused without a message';
  if (changed.length > 0) return `refused (${answer.message}) but wrote to ${changed.join(', ')}`;
  count(name, fieldMessages.length > 0 ? 'field' : 'domain');
  if (process.env.BAD_INPUT_DEBUG && name.includes(process.env.BAD_INPUT_DEBUG)) console.log(name, JSON.stringify(answer.fieldErrors ?? answer.message).slice(0, 300));
  return null;
}

const files = findAppFiles('actions.ts');

describe('every server action answers bad input with a field or domain error and writes nothing', () => {
  it('finds the action files', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  for (const file of files) {
    it(file, async () => {
      const mod = (await import(absolute(file))) as Record<string, unknown>;
      const actions = Object.entries(mod).filter(([, v]) => typeof v === 'function') as [string, WrappedAction][];
      for (const [name, fn] of actions) {
        expect(fn.input, `${file} ${name} must be built with action()`).toBeDefined();
        const found: string[] = [];
        await fc.assert(
          fc.asyncProperty(formsFor(fn), async (entries) => {
            const problem = await problemWith(`${file} ${name}`, fn, entries);
            if (problem) found.push(`${name}: ${problem}\n  form: ${describeForm(entries)}`);
            return problem === null;
          }),
          { numRuns: RUNS_PER_ACTION, endOnFailure: !process.env.BAD_INPUT_SHRINK, reporter: () => {} },
        ).catch(() => {});
        // The smallest form fast-check found (the last failure it met), short enough to read.
        expect(found.at(-1) ?? null).toBeNull();
      }
    }, 120_000);
  }

  it('the check catches a thrown error, the unexpected-error answer and a refusal that wrote', async () => {
    const base = { permission: PERMISSIONS[0], input: (await import('zod')).z.object({}) };
    const thrower = Object.assign(async () => {
      throw new Error('boom');
    }, base) as unknown as WrappedAction;
    expect(await problemWith('t', thrower, [])).toBe('threw boom');
    const unexpected = Object.assign(async () => ({ status: 'error', message: 'Something went wrong on our side. Reference: X.', reference: 'X' }), base) as unknown as WrappedAction;
    expect(await problemWith('t', unexpected, [])).toMatch(/^unexpected error/);
    const writer = Object.assign(async () => {
      await handle.db.execute(sql`UPDATE products SET name = 'changed' WHERE sku = 'DEMO-001'`);
      return { status: 'error', message: 'Refused.' };
    }, base) as unknown as WrappedAction;
    expect(await problemWith('t', writer, [])).toBe('refused (Refused.) but wrote to products');
    expect(await changedTables()).toEqual([]);
  });
});
