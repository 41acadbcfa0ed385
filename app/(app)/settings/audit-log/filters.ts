import { z } from 'zod';
import { AMAZON_OPERATIONS, AUDITED_TABLES, CALL_OUTCOMES } from '@/lib/audit/audit-log';
import { decodeCursor } from '@/lib/paging';
import type { SearchParams } from '@/lib/http/search-params';
import { validDay } from '@/lib/validation/day';
import { isUuid } from '@/lib/validation/id';

// The Audit Log's filters, read from the URL: anything that is not one of the choices is ignored
// (a hand-edited URL shows the whole log rather than an error).

const text = (v: string | undefined) => z.string().trim().min(1).max(100).safeParse(v).data;

export function readChangeFilters(sp: SearchParams) {
  return {
    table: sp.table && sp.table in AUDITED_TABLES ? sp.table : undefined,
    user: sp.user === 'system' || (sp.user && isUuid(sp.user)) ? sp.user : undefined,
    row: text(sp.row),
    from: validDay(sp.from),
    to: validDay(sp.to),
    after: decodeCursor(sp.after),
  };
}

export function readCallFilters(sp: SearchParams) {
  return {
    operation: sp.operation && AMAZON_OPERATIONS.includes(sp.operation) ? sp.operation : undefined,
    outcome: sp.outcome && sp.outcome in CALL_OUTCOMES ? (sp.outcome as keyof typeof CALL_OUTCOMES) : undefined,
    requestId: text(sp.requestId),
    from: validDay(sp.from),
    to: validDay(sp.to),
    after: decodeCursor(sp.after),
  };
}
