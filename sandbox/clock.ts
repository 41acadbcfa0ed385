// Sandbox time = the time at the last rebase + real elapsed × speed. Status progressions read it,
// so tests advance or speed it instead of sleeping. Rebasing on every change keeps the formula
// exact when the speed changes mid-run.

export class SandboxClock {
  private baseSandboxMs: number;
  private baseRealMs: number;
  private currentSpeed: number;

  constructor(startMs: number, speed: number, private readonly realNow: () => number = () => performance.now()) {
    this.baseSandboxMs = startMs;
    this.baseRealMs = realNow();
    this.currentSpeed = speed;
  }

  now(): number {
    return Math.floor(this.baseSandboxMs + (this.realNow() - this.baseRealMs) * this.currentSpeed);
  }

  get speed(): number {
    return this.currentSpeed;
  }

  setSpeed(speed: number): void {
    this.rebase();
    this.currentSpeed = speed;
  }

  advance(ms: number): void {
    this.rebase();
    this.baseSandboxMs += ms;
  }

  private rebase(): void {
    this.baseSandboxMs = this.now();
    this.baseRealMs = this.realNow();
  }
}

export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}
