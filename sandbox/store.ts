import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { upgradeApplications } from './apps';
import { DEFAULT_FAULTS, STATE_VERSION, createEmptyState, type SandboxState } from './state';

const FILE_NAME = 'state.json';
const LOCK_NAME = 'sandbox.lock';
/** Folders opened by this process (a second opener in the same process is refused too). */
const openDirs = new Set<string>();

/**
 * The persistent store: one JSON snapshot in the data folder. Writes go to a temp file that is
 * renamed over the snapshot, so a crash mid-write leaves the previous snapshot intact (rename is
 * atomic on one filesystem). Saves are coalesced: a burst of writes costs one file write.
 */
export class SandboxStore {
  private timer: NodeJS.Timeout | null = null;
  private readonly file: string | null;

  private constructor(
    readonly state: SandboxState,
    dataDir: string | null,
    private readonly beforeSave: (state: SandboxState) => void,
  ) {
    this.file = dataDir ? path.join(dataDir, FILE_NAME) : null;
  }

  /** dataDir null keeps everything in memory (tests that need no restart). */
  static open(dataDir: string | null, init: { nowMs: number; speed: number }, beforeSave: (state: SandboxState) => void): SandboxStore {
    let state: SandboxState | null = null;
    if (dataDir) {
      mkdirSync(dataDir, { recursive: true });
      acquireLock(dataDir);
      state = readSnapshot(path.join(dataDir, FILE_NAME));
    }
    return new SandboxStore(state ?? createEmptyState(init.nowMs, init.speed, randomBytes(16).toString('hex')), dataDir, beforeSave);
  }

  markDirty(): void {
    if (!this.file || this.timer) return;
    this.timer = setTimeout(() => this.flush(), 50);
    this.timer.unref();
  }

  /** Final flush, then frees the folder for the next sandbox. */
  close(): void {
    this.flush();
    if (this.file) releaseLock(path.dirname(this.file));
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.file) return;
    this.beforeSave(this.state);
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(this.state));
    renameSync(temp, this.file);
  }
}

// Two sandboxes writing one snapshot would silently drop each other's writes: the folder is owned
// by one process (a lock file with its pid; a lock whose pid is dead is stale and taken over).
function acquireLock(dataDir: string): void {
  const dir = path.resolve(dataDir);
  const file = path.join(dir, LOCK_NAME);
  let owner = NaN;
  try {
    owner = Number(readFileSync(file, 'utf8'));
  } catch {
    // no lock yet
  }
  const alive = Number.isInteger(owner) && owner > 0 && owner !== process.pid && isRunning(owner);
  if (alive || openDirs.has(dir)) {
    throw new Error(`The sandbox data folder ${dir} is in use by process ${alive ? owner : process.pid}. Stop that sandbox or use another SANDBOX_DATA_DIR.`);
  }
  writeFileSync(file, String(process.pid));
  openDirs.add(dir);
}

function releaseLock(dataDir: string): void {
  const dir = path.resolve(dataDir);
  openDirs.delete(dir);
  rmSync(path.join(dir, LOCK_NAME), { force: true });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readSnapshot(file: string): SandboxState | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  const state = JSON.parse(text) as SandboxState;
  if (state.version !== STATE_VERSION) {
    throw new Error(`Sandbox store ${file} has version ${state.version}; expected ${STATE_VERSION}. Reset it with POST /_sandbox/reset or delete the folder.`);
  }
  // Snapshots written before a field existed get its empty default, so upgrades keep old stores.
  state.faults = { ...DEFAULT_FAULTS, ...state.faults };
  for (const seller of Object.values(state.sellers)) {
    seller.inboundPlans ??= {};
    seller.inboundOperations ??= {};
    seller.orders ??= {};
    seller.customerReturns ??= {};
  }
  upgradeApplications(state);
  return state;
}
