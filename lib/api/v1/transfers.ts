import { z } from 'zod';
import type { Db, Tx } from '@/db';
import { TRANSFER_STATUSES } from '@/db/schema';
import { TransferInput } from '@/lib/stock/transfer-inputs';
import { createTransfer, getTransfer, listTransfers } from '@/lib/stock/transfers';
import { ApiRefusal } from '../problem';
import { CursorParam, Limit, listOf, refusalInBody } from './common';

const Place = z.strictObject({ locationId: z.string(), binId: z.string().nullable().optional().describe('Required at a location with bins.') });

/** A form key of the transfer's rules ("from", "quantity.2") → where it sits in the JSON body. */
function bodyPath(key: PropertyKey): PropertyKey[] {
  const k = String(key);
  if (k === 'from' || k === 'to') return [k, 'locationId'];
  const m = /^(\w+)\.(\d+)$/.exec(k);
  return m ? ['lines', Number(m[2]), m[1]!] : [key];
}

/** JSON → the transfer form's raw fields, so its own schema (TransferInput) decides. */
export const CreateTransferBody = z
  .strictObject({
    from: Place,
    to: Place,
    note: z.string().optional(),
    lines: z.array(z.strictObject({ sku: z.string(), quantity: z.number().describe('A whole number above 0.') })),
  })
  .transform((b, ctx) => {
    const place = (p: z.infer<typeof Place>) => (p.binId ? `${p.locationId}/${p.binId}` : p.locationId);
    const parsed = TransferInput.safeParse({
      from: place(b.from),
      to: place(b.to),
      note: b.note,
      lines: b.lines.map((l, index) => ({ index, sku: l.sku, quantity: Number.isFinite(l.quantity) ? String(l.quantity) : 'x' })),
    });
    if (parsed.success) return parsed.data;
    for (const i of parsed.error.issues) ctx.addIssue({ code: 'custom', path: [...bodyPath(i.path[0] ?? ''), ...i.path.slice(1)], message: i.message });
    return z.NEVER;
  });

const When = z.iso.datetime().nullable();
const Header = {
  id: z.uuid(),
  number: z.string(),
  status: z.enum(TRANSFER_STATUSES),
  note: z.string().nullable(),
  from: z.string().describe('Location, and “› bin” when there is one.'),
  to: z.string(),
  createdAt: z.iso.datetime(),
  shippedAt: When,
  receivedAt: When,
};

export const ApiTransfer = z.object({
  ...Header,
  lines: z.array(z.object({ lineNo: z.number().int(), sku: z.string(), name: z.string(), quantity: z.number().int(), received: z.number().int() })),
});
export const TransferListQuery = z.object({
  q: z.string().max(200, 'q is at most 200 characters.').optional().describe('Part of the transfer number.'),
  cursor: CursorParam,
  limit: Limit,
});
export const TransferList = listOf(z.object({ ...Header, lines: z.number().int() }));

type Row = { createdAt: Date; shippedAt: Date | null; receivedAt: Date | null };
const dates = <T extends Row>(r: T) => ({ ...r, createdAt: r.createdAt.toISOString(), shippedAt: r.shippedAt?.toISOString() ?? null, receivedAt: r.receivedAt?.toISOString() ?? null });

export async function transferGet(db: Db | Tx, id: string): Promise<z.infer<typeof ApiTransfer>> {
  const doc = await getTransfer(db, id);
  if (!doc) throw new ApiRefusal(404, 'No stock transfer has this id.');
  return dates(doc);
}

/** Newest first. */
export async function transferList(db: Db | Tx, q: z.output<typeof TransferListQuery>): Promise<z.infer<typeof TransferList>> {
  const page = await listTransfers(db, { q: q.q?.trim() || undefined, sort: 'number', dir: 'desc', after: q.cursor, limit: q.limit });
  return { data: page.rows.map(dates), nextCursor: page.next };
}

/** A Draft transfer, as Inventory → Stock Transfer → New makes it; nothing moves until it is shipped. */
export async function transferCreate(db: Db | Tx, body: z.output<typeof CreateTransferBody>, userId: string) {
  try {
    const doc = await createTransfer(db, body, userId);
    return transferGet(db, doc.id);
  } catch (e) {
    throw refusalInBody(e, bodyPath);
  }
}
