import { describe, expect, it } from 'vitest';
import { FO_RETURN_STATUSES } from '@/db/schema';
import { expectExactMoves } from '@/test/status-tables';
import { foReturnStatus } from './fo-return-status';

describe('fulfilment order return statuses', () => {
  it('are the schema’s four, moved only by Amazon: Requested → Authorised | Refused, Authorised → Received', () => {
    expect(foReturnStatus.statuses).toEqual([...FO_RETURN_STATUSES]);
    expectExactMoves(foReturnStatus, [
      ['Requested', 'Authorised'],
      ['Requested', 'Refused'],
      ['Authorised', 'Received'],
    ]);
    for (const s of foReturnStatus.statuses) expect(foReturnStatus.buttonsFrom(s)).toEqual([]);
  });
});
