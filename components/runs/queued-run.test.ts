import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { RunJson } from '@/lib/runs/run-progress';
import { RunProgress } from './queued-run';

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
