'use client';

/**
 * A short low tone and a buzz: the scan was not taken (the person is looking at the shelf, not the
 * screen). Silent where the device has neither; the message on screen says it too.
 */
export function alarm() {
  try {
    navigator.vibrate?.([120, 60, 120]);
    const Ctx = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctx) return;
    const ctx = new Ctx();
    const osc = ctx.createOscillator();
    osc.type = 'square';
    osc.frequency.value = 220;
    osc.connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.35);
    osc.onended = () => void ctx.close();
  } catch {
    // No sound on this device: the message on screen says it.
  }
}
