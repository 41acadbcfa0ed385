export async function register() {
  // Compiled for Edge too: keep Node-only code behind this guard and a dynamic import.
  if (process.env.NEXT_RUNTIME === 'nodejs') await import('./instrumentation-node');
}
