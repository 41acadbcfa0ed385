import { z } from 'zod';
import { isDomainError } from '@/lib/errors';
import { decodeCursor, type Cursor } from '@/lib/paging';
import { validDay } from '@/lib/validation/day';
import { ApiRefusal, pointerOf } from '../problem';

/** Page size of every list: 50 unless `limit` says otherwise, at most 200. */
export const Limit = z.coerce.number('limit is a whole number from 1 to 200.').int('limit is a whole number from 1 to 200.').min(1, 'limit is at least 1.').max(200, 'limit is at most 200.').default(50);

/** The `nextCursor` of the previous page, as given. */
export const CursorParam = z
  .string()
  .optional()
  .transform((v, ctx): Cursor | null => {
    if (v === undefined || v === '') return null;
    const c = decodeCursor(v);
    if (!c) {
      ctx.addIssue({ code: 'custom', message: 'cursor is not one this API gave: pass a page’s nextCursor as it is.' });
      return z.NEVER;
    }
    return c;
  });

/** Money in the API: decimal text, never a JSON number (a float). */
export const Decimal = z.string().describe('A decimal amount as text, e.g. "12.50" (never a float).');

export const IdParams = z.object({ id: z.uuid() });

/** Where goods go: a sale's ship-to address, and the one its fulfilment order sent to Amazon. */
export const ShipTo = z.object({
  name: z.string(),
  line1: z.string(),
  line2: z.string().nullable(),
  city: z.string(),
  state: z.string().nullable(),
  postalCode: z.string(),
  country: z.string().describe('ISO 3166 two-letter code.'),
  phone: z.string().nullable(),
});

/** A list's answer: the rows and the cursor of the next page (null on the last). */
export const listOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), nextCursor: z.string().nullable() });

/** A UTC day filter (YYYY-MM-DD), as the screens' date fields take it. */
export const Day = z
  .string()
  .optional()
  .refine((d) => d === undefined || validDay(d) !== undefined, 'A day is YYYY-MM-DD (UTC), between 1900 and 2999.')
  .describe('YYYY-MM-DD, UTC, included.');

/**
 * A domain refusal with per-field messages (keyed as the screen's form names its fields) as the
 * API's own refusal, each message pointing where that field sits in the JSON body.
 */
export function refusalInBody(e: unknown, bodyPath: (formKey: string) => PropertyKey[], status = 422): unknown {
  if (!isDomainError(e) || !e.fieldErrors) return e;
  const errors = Object.entries(e.fieldErrors).flatMap(([k, msgs]) => (msgs ?? []).map((detail) => ({ detail, pointer: pointerOf(bodyPath(k)) })));
  return new ApiRefusal(status, e.message, errors);
}
