import { describe, expect, it } from 'vitest';
import { describeProgress, percentOf, toRunJson } from './run-progress';

const run = (over: Partial<Parameters<typeof percentOf>[0]>) => ({ kind: 'catalog' as const, status: 'running' as const, phase: null, done: 0, total: null, ...over });

describe('run progress', () => {
  it('advances by phase, then by rows written, to 100 when done', () => {
    expect(percentOf(run({ status: 'queued', phase: 'Queued' }))).toBe(5);
    expect(percentOf(run({ phase: 'Waiting for Amazon' }))).toBe(35);
    expect(percentOf(run({ phase: 'Updating catalog', done: 15, total: 30 }))).toBe(88);
    expect(percentOf(run({ kind: 'stocktake', phase: 'Updating counts', done: 0, total: 30 }))).toBe(75);
    expect(percentOf(run({ status: 'done', phase: 'Done' }))).toBe(100);
  });

  it('says what is happening in words', () => {
    expect(describeProgress(run({ status: 'queued', phase: 'Queued' }))).toBe('Queued: waiting for the worker to start the sync…');
    expect(describeProgress(run({ phase: 'Waiting for Amazon' }))).toBe('Waiting for Amazon to prepare the inventory report…');
    expect(describeProgress(run({ kind: 'stocktake', phase: 'Updating counts', done: 3, total: 30 }))).toBe('Updating counts 3/30');
    expect(describeProgress(run({ phase: 'Downloading' }))).toBe('Downloading…');
  });

  it('serialises the dates of a run for the status routes', () => {
    const at = new Date('2026-11-30T10:00:00Z');
    const json = toRunJson({ ...run({}), id: 'r', trigger: 'force', summary: null, error: null, createdAt: at, finishedAt: null });
    expect(json).toMatchObject({ id: 'r', createdAt: '2026-11-30T10:00:00.000Z', finishedAt: null });
  });
});
