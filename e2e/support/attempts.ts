// How many times one test may run in a Playwright run: once, plus a retry on CI, times
// `--repeat-each`. A spec whose test changes what its seed made (a seller registered at the sandbox
// under a seeded id, a store whose orders it counts) cannot run twice on the same copy, so its seed
// module says `export const perAttempt = true` and the runner seeds one copy per attempt; the test
// takes its own with `attemptSeed` (e2e/support/state.ts).

/** Retries when a test fails: one on CI, none locally (`--retries N` on the command line wins). */
export const E2E_RETRIES = process.env.CI ? 1 : 0;

/** A numeric option of Playwright's command line (`--name N` or `--name=N`), or null when absent. */
function option(argv: readonly string[], name: string): number | null {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const raw = a === `--${name}` ? argv[i + 1] : a.startsWith(`--${name}=`) ? a.slice(name.length + 3) : undefined;
    if (raw === undefined) continue;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} takes a whole number, not “${raw}”.`);
    return n;
  }
  return null;
}

/** The most attempts one test can have in a run started with Playwright arguments `argv`. */
export function attemptsPerTest(argv: readonly string[], retries = E2E_RETRIES): number {
  const repeatEach = Math.max(1, option(argv, 'repeat-each') ?? 1);
  return repeatEach * ((option(argv, 'retries') ?? retries) + 1);
}

/** Which attempt this is, 0-based: its repeat (`--repeat-each`) and retry, as `attemptsPerTest` counts them. */
export function attemptIndex(info: { repeatEachIndex: number; retry: number; project: { retries: number } }): number {
  return info.repeatEachIndex * (info.project.retries + 1) + info.retry;
}
