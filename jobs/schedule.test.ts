import { validate } from 'node-cron';
import { describe, expect, it } from 'vitest';
import { slotOf } from '@/lib/jobs/run-job';
import { scheduleOf } from './schedule';

const job = { name: 'fba.fo-tracking', cron: '51 0,12 * * *', run: async () => {} };

describe('the schedule of a job', () => {
  it('is the cron table as written, slots to the minute, unless JOBS_EVERY_SECONDS is set', () => {
    expect(scheduleOf(job, {})).toEqual({ cron: '51 0,12 * * *', slotUnit: 'minute', logFirings: false });
    expect(scheduleOf(job, { JOBS_EVERY_SECONDS: '' }).cron).toBe('51 0,12 * * *');
    expect(slotOf(new Date('2026-11-27T12:51:03.250Z'))).toBe('2026-11-27T12:51');
  });

  it('fires every n seconds with slots to the second when JOBS_EVERY_SECONDS=n', () => {
    const s = scheduleOf(job, { JOBS_EVERY_SECONDS: '3' });
    expect(s).toEqual({ cron: '*/3 * * * * *', slotUnit: 'second', logFirings: true });
    expect(validate(s.cron)).toBe(true);
    expect(slotOf(new Date('2026-11-27T12:51:03.250Z'), s.slotUnit)).toBe('2026-11-27T12:51:03');
  });

  it('refuses a value that is not a whole number of seconds under a minute', () => {
    for (const bad of ['0', '60', '1.5', 'soon']) expect(() => scheduleOf(job, { JOBS_EVERY_SECONDS: bad }), bad).toThrow(/JOBS_EVERY_SECONDS/);
  });
});
