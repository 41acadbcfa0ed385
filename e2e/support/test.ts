import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import type { Result } from 'axe-core';

// Every spec imports `test` and `expect` from here (lint forbids `test` from '@playwright/test' in a
// spec), so axe-core checks every screen the browser suite visits, at the viewport the test uses:
// - each time a page of this app reaches a new screen (a `page.goto`, a link, a redirect, a client
//   navigation), once the page has loaded, in the background while the test goes on;
// - each open page at the end of a test that passed (dialogs open, errors shown, rows added).
// A serious or critical violation fails the test that met it, naming the rule, the screen, the
// elements and axe's help. Screens are deduplicated for the whole run by viewport width and path
// pattern (ids become `:id`, the query is ignored), on arrival and at the end apart, so a screen
// visited by fifty tests is scanned about twice per run instead of fifty times (a scan costs
// 0.3–1.5 s of a core: a third of the CPU of the tour and settings specs). Workers share the list
// as marker files in the run's state folder (E2E_STATE_DIR); a screen is marked only after a clean
// scan, so a test retried after a finding meets it again.

const FAILING_IMPACTS = new Set(['serious', 'critical']);

type When = 'on arrival' | 'at the end of the test';

/**
 * Screens scanned clean in this run, `<viewport width>px <path pattern>`, on arrival and at the end:
 * this worker's own set, and the run's marker files (none when the specs run without
 * scripts/e2e.ts's state folder).
 */
const scanned: Record<When, Set<string>> = { 'on arrival': new Set(), 'at the end of the test': new Set() };
const markerDir = process.env.E2E_STATE_DIR ? path.join(process.env.E2E_STATE_DIR, 'axe-scanned') : null;
const markerOf = (when: When, screen: string) => path.join(markerDir!, crypto.createHash('sha1').update(`${when} ${screen}`).digest('hex'));

function wasScanned(when: When, screen: string) {
  if (scanned[when].has(screen)) return true;
  if (markerDir && fs.existsSync(markerOf(when, screen))) {
    scanned[when].add(screen);
    return true;
  }
  return false;
}

function markScanned(when: When, screen: string) {
  scanned[when].add(screen);
  if (!markerDir) return;
  fs.mkdirSync(markerDir, { recursive: true });
  fs.writeFileSync(markerOf(when, screen), screen);
}

const ID_SEGMENT = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+)$/i;

function screenOf(page: Page, url: URL): string {
  const path = url.pathname.split('/').map((s) => (ID_SEGMENT.test(s) ? ':id' : s)).join('/');
  return `${page.viewportSize()?.width ?? 'no-viewport'}px ${path}`;
}

type Finding = { screen: string; url: string; when: When; violations: Result[] };

/**
 * A page moved on or closed while axe ran: not a finding; the next screen gets its own scan. A
 * document replaced at the same URL (a redirect to the same refusal page) shows as axe, injected
 * into the document before, missing when it is run.
 */
const isGoneError = (e: unknown) =>
  e instanceof Error &&
  /Execution context was destroyed|Target page, context or browser has been closed|frame was detached|navigat|Cannot read properties of undefined \(reading 'run'\)/i.test(e.message);

/** The promise's value, or undefined when it takes longer than `ms`. */
const within = <T>(ms: number, promise: Promise<T>) => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([promise, new Promise<undefined>((done) => (timer = setTimeout(() => done(undefined), ms)))]).finally(() => clearTimeout(timer));
};

class Scanner {
  private queue: Promise<void> = Promise.resolve();
  private pending = new Set<string>();
  readonly findings: Finding[] = [];
  readonly errors: string[] = [];
  private told = new Set<string>();
  scans = 0;
  scanMs = 0;

  constructor(private readonly origin: string) {}

  watch(context: BrowserContext) {
    context.on('framenavigated', (frame) => {
      const page = frame.page();
      if (frame === page.mainFrame()) this.schedule(page, 'on arrival');
    });
  }

  schedule(page: Page, when: When) {
    let url: URL;
    try {
      url = new URL(page.url());
    } catch {
      return;
    }
    if (url.origin !== this.origin) return; // about:blank, the FBA sandbox's consent page ("Amazon")
    const screen = screenOf(page, url);
    const key = `${when} ${screen}`;
    if (wasScanned(when, screen) || this.pending.has(key)) return;
    this.pending.add(key);
    this.queue = this.queue.then(() => this.scan(page, url.href, screen, when)).finally(() => this.pending.delete(key));
  }

  private async scan(page: Page, href: string, screen: string, when: When) {
    // A document replaced while axe ran (a redirect, a form posted natively) loses the injected axe
    // midway: that is no finding, so try once more on what is there now.
    for (let attempt = 1; ; attempt++) {
      try {
        if (page.isClosed()) return;
        // A page still loading after 15 s (a download, a stuck request) is left to the test to judge.
        if (!(await page.waitForLoadState('load', { timeout: 15_000 }).then(() => true, () => false))) return;
        if (page.url() !== href) return; // already on another screen, which has its own scan queued
        // A JSON answer or a PDF shown in the browser is not a screen of ours. Axe needs the page's
        // timers, which never fire in a context without JavaScript: such a page is left unscanned.
        const contentType = await within(2_000, page.evaluate(() => new Promise<string>((done) => setTimeout(() => done(document.contentType), 0))));
        if (contentType !== 'text/html') return;
        // Next streams a dynamic page's metadata: its <title> can land just after 'load'. A page
        // still without one 3 s later is a finding (document-title); one that is about to get it is not.
        await page.waitForFunction(() => document.title.trim() !== '', null, { timeout: 3_000 }).catch(() => {});
        // Legacy mode runs axe in the page itself; the default mode opens a blank page in the test's
        // context for every scan, which a test counting its pages or awaiting a new one would see.
        const started = Date.now();
        const results = await within(30_000, new AxeBuilder({ page }).setLegacyMode(true).analyze());
        if (!results) throw new Error('axe did not finish within 30 s');
        this.scans += 1;
        this.scanMs += Date.now() - started;
        let violations = results.violations.filter((v) => FAILING_IMPACTS.has(v.impact ?? ''));
        // A missing <title> is confirmed before it counts: a scan that met the document between
        // a navigation's commit and its streamed metadata saw an empty title the page then gets.
        if (violations.some((v) => v.id === 'document-title')) {
          const titled = await page.waitForFunction(() => document.title.trim() !== '', null, { timeout: 3_000 }).then(
            () => true,
            (e: unknown) => page.isClosed() || isGoneError(e) || page.url() !== href,
          );
          if (titled) violations = violations.filter((v) => v.id !== 'document-title');
        }
        this.record({ screen, url: href, when, violations });
        // Marked only when clean: a finding fails this test, and its retry scans the screen again.
        if (violations.length === 0) markScanned(when, screen);
        return;
      } catch (e) {
        if (page.isClosed() || isGoneError(e)) return;
        if (attempt < 2) continue;
        this.errors.push(`${screen}: ${e instanceof Error ? e.message : String(e)}`);
        return;
      }
    }
  }

  /** Keeps what this test has not been told yet (the end-of-test scan repeats what arrival found). */
  private record(finding: Finding) {
    const told = (v: Result, n: Result['nodes'][number]) => `${finding.screen} ${v.id} ${n.target.join(' ')}`;
    const violations = finding.violations.filter((v) => v.nodes.some((n) => !this.told.has(told(v, n))));
    for (const v of violations) for (const n of v.nodes) this.told.add(told(v, n));
    if (violations.length > 0) this.findings.push({ ...finding, violations });
  }

  settled() {
    return this.queue;
  }
}

function report(findings: Finding[]): string {
  const lines = [`axe-core: serious or critical accessibility violations on ${findings.length} screen(s)`];
  for (const f of findings) {
    lines.push('', `${f.screen} ${f.when} (${f.url})`);
    for (const v of f.violations) {
      lines.push(`  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`);
      for (const node of v.nodes.slice(0, 5)) {
        const why = [...node.any, ...node.all, ...node.none].map((c) => c.message).filter(Boolean)[0];
        lines.push(`    ${node.target.join(' >> ')}${why ? `: ${why}` : ''}`);
      }
      if (v.nodes.length > 5) lines.push(`    … and ${v.nodes.length - 5} more`);
    }
  }
  return lines.join('\n');
}

export const test = base.extend<{ axeEveryScreen: void }>({
  axeEveryScreen: [
    async ({ browser, context, baseURL }, use, testInfo) => {
      const scanner = new Scanner(new URL(baseURL!).origin);
      const contexts = [context];
      scanner.watch(context);
      // Contexts a test opens itself (a second user, a phone beside the desktop) are checked too.
      const onContext = (c: BrowserContext) => {
        contexts.push(c);
        scanner.watch(c);
      };
      browser.on('context', onContext);

      await use();

      browser.off('context', onContext);
      if (testInfo.status === testInfo.expectedStatus) {
        for (const c of contexts) for (const page of c.pages()) scanner.schedule(page, 'at the end of the test');
      }
      await scanner.settled();
      testInfo.annotations.push({ type: 'axe', description: `${scanner.scans} scan(s), ${scanner.scanMs} ms` });
      if (scanner.errors.length > 0) throw new Error(`axe-core could not scan:\n${scanner.errors.join('\n')}`);
      if (scanner.findings.length > 0) throw new Error(report(scanner.findings));
    },
    { auto: true },
  ],
});

export { expect };
