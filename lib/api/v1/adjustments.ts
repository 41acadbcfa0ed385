import { z } from 'zod';
import type { Db, Tx } from '@/db';
import { isDomainError } from '@/lib/errors';
import { COST_SCALE, formatDecimal } from '@/lib/money';
import { AdjustmentInput } from '@/lib/stock/adjustment-inputs';
import { createAdjustment, getAdjustment, listAdjustments } from '@/lib/stock/adjustments';
import { ADJUSTMENT_STATUSES } from '@/db/schema';
import { ApiRefusal } from '../problem';
import { CursorParam, Decimal, Limit, listOf, refusalInBody } from './common';


const BodyLine = z.strictObject({
  sku: z.string(),
  locationId: z.string(),
  binId: z.string().nullable().optional().describe('Required at a location with bins.'),
  quantity: z.number().describe('A whole number: positive adds stock, negative removes it.'),
  unitCost: Decimal.nullable().optional().describe('Required when adding stock (up to 4 decimals).'),
});

/** A form key of the adjustment's rules ("quantity.2", "place.0") → where it sits in the JSON body. */
function bodyPath(key: PropertyKey): PropertyKey[] {
  const m = /^(\w+)\.(\d+)$/.exec(String(key));
  if (!m) return [key];
  return ['lines', Number(m[2]), m[1] === 'place' ? 'locationId' : m[1]!];
}

/** JSON → the adjustment form's raw lines, so its own schema (AdjustmentInput) decides. */
export const CreateAdjustmentBody = z.strictObject({ reason: z.string(), lines: z.array(BodyLine) }).transform((b, ctx) => {
  const parsed = AdjustmentInput.safeParse({
    reason: b.reason,
    lines: b.lines.map((l, index) => ({
      index,
      sku: l.sku,
      place: l.binId ? `${l.locationId}/${l.binId}` : l.locationId,
      quantity: Number.isFinite(l.quantity) ? String(l.quantity) : 'x',
      unitCost: l.unitCost ?? '',
    })),
  });
  if (parsed.success) return parsed.data;
  for (const i of parsed.error.issues) ctx.addIssue({ code: 'custom', path: [...bodyPath(i.path[0] ?? ''), ...i.path.slice(1)], message: i.message });
  return z.NEVER;
});

export const ApiAdjustment = z.object({
  id: z.uuid(),
  number: z.string(),
  reason: z.string(),
  status: z.enum(ADJUSTMENT_STATUSES),
  createdAt: z.iso.datetime(),
  voidedAt: z.iso.datetime().nullable(),
  lines: z.array(
    z.object({
      lineNo: z.number().int(),
      sku: z.string(),
      name: z.string(),
      location: z.string(),
      bin: z.string().nullable(),
      quantity: z.number().int(),
      unitCost: Decimal.nullable(),
    }),
  ),
});

export const AdjustmentListQuery = z.object({
  q: z.string().max(200, 'q is at most 200 characters.').optional().describe('Words of the number or reason.'),
  cursor: CursorParam,
  limit: Limit,
});

export const AdjustmentList = listOf(
  z.object({ id: z.uuid(), number: z.string(), reason: z.string(), status: z.enum(ADJUSTMENT_STATUSES), createdAt: z.iso.datetime(), lines: z.number().int() }),
);

export async function adjustmentGet(db: Db | Tx, id: string): Promise<z.infer<typeof ApiAdjustment>> {
  const doc = await getAdjustment(db, id);
  if (!doc) throw new ApiRefusal(404, 'No stock adjustment has this id.');
  return {
    id: doc.id,
    number: doc.number,
    reason: doc.reason,
    status: doc.status,
    createdAt: doc.createdAt.toISOString(),
    voidedAt: doc.voidedAt?.toISOString() ?? null,
    lines: doc.lines.map((l) => ({ ...l, unitCost: l.unitCost === null ? null : formatDecimal(l.unitCost, COST_SCALE) })),
  };
}

/** Newest first. */
export async function adjustmentList(db: Db | Tx, q: z.output<typeof AdjustmentListQuery>): Promise<z.infer<typeof AdjustmentList>> {
  const page = await listAdjustments(db, { q: q.q?.trim() || undefined, sort: 'number', dir: 'desc', after: q.cursor, limit: q.limit });
  return { data: page.rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })), nextCursor: page.next };
}

/** Posts the adjustment as the form does; the rules' refusals point into the body's lines. */
export async function adjustmentCreate(db: Db | Tx, body: z.output<typeof CreateAdjustmentBody>, userId: string) {
  try {
    const doc = await createAdjustment(db, body, userId);
    return adjustmentGet(db, doc.id);
  } catch (e) {
    throw refusalInBody(e, bodyPath, isDomainError(e) && e.code === 'INSUFFICIENT_STOCK' ? 409 : 422);
  }
}
