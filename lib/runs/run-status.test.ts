import { describe, expect, it } from 'vitest';
import { expectExactMoves } from '@/test/status-tables';
import { ACTIVE_RUN_STATUSES, isActiveRun, runStatus } from './run-status';

describe('queued run status table', () => {
  it('runs a queued run once, to done or failed; a queued run may fail without running', () => {
    expectExactMoves(runStatus, [
      ['queued', 'running'],
      ['queued', 'failed'],
      ['running', 'done'],
      ['running', 'failed'],
    ]);
    for (const s of runStatus.statuses) expect(runStatus.buttonsFrom(s)).toEqual([]);
  });

  it('counts queued and running as active, the finished ones not', () => {
    expect(ACTIVE_RUN_STATUSES).toEqual(['queued', 'running']);
    expect(isActiveRun('done') || isActiveRun('failed')).toBe(false);
  });
});
