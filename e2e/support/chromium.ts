import fs from 'node:fs';

/**
 * Debian's Chromium, and the flags it runs with here (no sandbox as root, no GPU, no calls home).
 * Debian's headless shell (package chromium-headless-shell: the same Chromium build without the
 * browser around it, what Playwright itself runs headless) when it is installed: on this 2-core
 * machine the tour and settings specs took 103 s and 219 CPU-s with it, against 145 s and 305 CPU-s
 * with /usr/bin/chromium, and the whole suite 529-584 s of Playwright against 909-947 s. The full
 * browser is the fallback, and CHROMIUM_PATH picks either.
 */
const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? (fs.existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : '/usr/bin/chromium');
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
