import fs from 'node:fs/promises';
import path from 'node:path';
import { route } from '@/lib/http/route';

// The ZXing-C++ barcode reader compiled to WebAssembly (package zxing-wasm, under barcode-detector),
// served from this origin: the camera scanner on browsers without a native BarcodeDetector loads it
// from here, never from a CDN (warehouses may be offline from the internet; the CSP allows 'self').
const WASM = path.join(process.cwd(), 'node_modules', 'zxing-wasm', 'dist', 'reader', 'zxing_reader.wasm');

// Read once per process: the file never changes while the server runs.
let reader: Promise<Buffer> | undefined;

export const GET = route({ access: 'signed-in' }, async () => {
  const body = await (reader ??= fs.readFile(WASM).catch((e) => {
    reader = undefined;
    throw e;
  }));
  return new Response(new Uint8Array(body), { headers: { 'Content-Type': 'application/wasm', 'Cache-Control': 'private, max-age=86400' } });
});
