'use client';

import Link from '@/components/ui/link';
import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import { flushSync } from 'react-dom';
import { useHydrated } from '@/components/ui/script-controls';

// The parts the floor screens (Count, Pick by scanning, Pack by scanning) share.

/** The screen's title and the way back to the desk page it came from. */
export function ScanHeader({ title, back, backLabel, children }: { title: string; back: string; backLabel: string; children?: React.ReactNode }) {
  return (
    <div className="flex items-baseline justify-between gap-3">
      <h1 className="text-xl font-semibold">
        {title}
        {children}
      </h1>
      <Link href={back} className="shrink-0">
        {backLabel}
      </Link>
    </div>
  );
}

export type ScanNoticeValue = { tone: 'ok' | 'warn' | 'error'; text: string } | null;
const TONE = { ok: 'border-emerald-300 bg-emerald-50 text-emerald-900', warn: 'border-amber-300 bg-amber-50 text-amber-900', error: 'border-red-300 bg-red-50 text-red-800' };

/** What the last scan did: a status when it was taken, an alert when it was not. */
export function ScanNotice({ notice, testId }: { notice: ScanNoticeValue; testId: string }) {
  if (!notice) return null;
  return (
    <p role={notice.tone === 'ok' ? 'status' : 'alert'} data-testid={testId} className={`rounded border px-3 py-2 ${TONE[notice.tone]}`}>
      {notice.text}
    </p>
  );
}

/**
 * Scans decided one after another, each on what the one before left, however fast a scanner
 * types: `submit` (a stable callback, for the scan field and the camera) queues a scan for `scan`,
 * the latest one rendered; `inTurn` queues any other change (close a box) behind the scans sent.
 */
export function useScanQueue(scan: (code: string) => void | Promise<void>) {
  const queue = useRef<Promise<void>>(Promise.resolve());
  const latest = useRef(scan);
  useEffect(() => {
    latest.current = scan;
  });
  const inTurn = useCallback((work: () => void | Promise<void>) => {
    queue.current = queue.current.then(work, work);
  }, []);
  const submit = useCallback((code: string) => inTurn(() => latest.current(code)), [inTurn]);
  return { submit, inTurn };
}

declare global {
  interface Window {
    /** Scans made before the page's script ran, kept by the root layout's script (`EarlyScans`). */
    __earlyScans?: { field: string; code: string }[];
  }
}

/** Takes, in order, the scans the early script kept for this form's code field. */
function takeEarlyScans(fieldId: string): string[] {
  const kept = window.__earlyScans;
  if (!kept) return [];
  const mine = kept.filter((s) => s.field === fieldId).map((s) => s.code);
  window.__earlyScans = kept.filter((s) => s.field !== fieldId);
  return mine;
}

/**
 * The scan form: Enter in the code field (a keyboard-wedge scanner types the code and Enter) hands
 * the code to `onCode`, empties the field and keeps the focus there for the next scan. Scans made
 * before the page's script ran (`EarlyScans`) are handed over first, once it runs, in their order,
 * each after the one before has been rendered (a bin label's scan moves the next scan's bin).
 */
export function ScanForm({ onCode, children }: { onCode: (code: string) => void; children: React.ReactNode }) {
  const hydrated = useHydrated();
  const form = useRef<HTMLFormElement>(null);
  const latest = useRef(onCode);
  useLayoutEffect(() => {
    latest.current = onCode;
  });
  useEffect(() => {
    if (!hydrated) return;
    // Outside the effect, where flushSync may render each scan's result before the next one is read;
    // taken there too, so that an effect cleaned up before its timer fired leaves them for the next.
    const timer = window.setTimeout(() => {
      const field = form.current?.querySelector<HTMLInputElement>('input[data-scan-code]');
      const codes = field ? takeEarlyScans(field.id) : [];
      if (!field || codes.length === 0) return;
      for (const code of codes) flushSync(() => latest.current(code));
      field.focus();
    }, 0);
    return () => window.clearTimeout(timer);
  }, [hydrated]);
  return (
    <form
      ref={form}
      className="space-y-3"
      data-scan-ready={hydrated ? '' : undefined}
      onSubmit={(e) => {
        e.preventDefault();
        const field = e.currentTarget.querySelector<HTMLInputElement>('input[data-scan-code]');
        if (!field) return;
        const code = field.value;
        field.value = '';
        field.focus();
        onCode(code);
      }}
    >
      {children}
    </form>
  );
}
