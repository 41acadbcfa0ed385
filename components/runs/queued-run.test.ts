import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { RunJson } from '@/lib/runs/run-progress';
import { RunProgress, watchRun, type RunWatch } from './queued-run';

const RUN: RunJson = {
  id: 'r1', kind: 'stocktake', trigger: 'force', status: 'running', phase: 'Waiting for Amazon', done: 0, total: null,
  summary: null, error: null, createdAt: '2026-11-30T10:00:00.000Z', finishedAt: null,
};

const view = (run: RunJson | null, state: Parameters<typeof RunProgress>[0]['state'] = { status: 'idle' }) =>
  renderToStaticMarkup(createElement(RunProgress, { run, pollError: null, state, failedLabel: 'Sync failed', done: (r: RunJson) => `Synced with FBA: ${r.summary}` }));
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

describe('RunProgress', () => {
  it('shows the bar with the phase while a run is queued or running', () => {
    const html = view(RUN);
    expect(html).toContain('role="progressbar"');
    expect(html).toContain('aria-valuenow="35"');
    expect(text(html)).toBe('Waiting for Amazon to prepare the inventory report… 35%');
    expect(view({ ...RUN, status: 'queued', phase: 'Queued' })).toContain('Queued: waiting for the worker to start the sync…');
  });

  it('words a finished run per screen, and a failed one with its reason; no bar then', () => {
    const done = view({ ...RUN, status: 'done', phase: 'Done', summary: '3 products synced, 0 created, 0 need a unit cost.' });
    expect(done).not.toContain('progressbar');
    expect(done).toContain('role="status"');
    expect(text(done)).toBe('Synced with FBA: 3 products synced, 0 created, 0 need a unit cost.');
    const failed = view({ ...RUN, status: 'failed', error: 'The inventory report failed. Amazon said: Throttled.' });
    expect(failed).toContain('role="alert"');
    expect(text(failed)).toBe('Sync failed: The inventory report failed. Amazon said: Throttled.');
  });

  it('shows the button’s own refusal, and nothing at all before any run', () => {
    expect(text(view(null, { status: 'error', message: 'Stocktake ST-1 is Voided: it can no longer be synced.' }))).toBe('Stocktake ST-1 is Voided: it can no longer be synced.');
    expect(view(null)).toMatch(/^<div aria-live="polite" class="[^"]*"><\/div>$/);
  });
});

describe('watchRun: the page refreshes once when its run is done', () => {
  const done = (id: string): RunJson => ({ ...RUN, id, status: 'done', phase: 'Done' });
  const idle: RunWatch = { watched: null, startedAfter: null, lastSeen: 'r0' };

  it('a run seen running, then done', () => {
    const seen = watchRun(idle, { ...RUN, id: 'r1' });
    expect(seen.refresh).toBe(false);
    expect(watchRun(seen.watch, done('r1'))).toMatchObject({ refresh: true, watch: { watched: null } });
  });

  it('the run a press queued, finished by the worker before the first poll saw it running', () => {
    const pressed: RunWatch = { ...idle, startedAfter: 'r0' };
    expect(watchRun(pressed, done('r0')).refresh).toBe(false);
    const after = watchRun(pressed, done('r1'));
    expect(after.refresh).toBe(true);
    expect(watchRun(after.watch, done('r1')).refresh).toBe(false);
  });

  it('never for the last run the page was opened with', () => {
    expect(watchRun(idle, done('r0')).refresh).toBe(false);
  });
});
