import { describe, expect, it } from 'vitest';
import { expectExactMoves } from '@/test/status-tables';
import { authorisationStatus } from './authorisation-status';

describe('Connect with Amazon attempt status table', () => {
  it('ends a Pending attempt once, Connected or Failed; no button moves it', () => {
    expectExactMoves(authorisationStatus, [
      ['Pending', 'Connected'],
      ['Pending', 'Failed'],
    ]);
    for (const s of authorisationStatus.statuses) expect(authorisationStatus.buttonsFrom(s)).toEqual([]);
  });
});
