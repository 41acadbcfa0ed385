'use client';

import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { ScriptButton } from '@/components/ui/script-controls';

// Scanning with the phone's camera. Where the browser has the Shape Detection API's BarcodeDetector
// with Code 128 (Chrome on Android), the platform decodes. Elsewhere (Firefox, Safari, Chrome on a
// desktop) the same W3C interface comes from the `barcode-detector` package: ZXing-C++ compiled to
// WebAssembly (zxing-wasm), the maintained line of the ZXing barcode library (the JavaScript port,
// @zxing/library, is in maintenance mode), reading Code 128 (our bin and product labels), EAN/UPC and
// QR. One code path for both; the ~1 MB reader is loaded only when the camera opens, from this
// server (app/api/scan/zxing-reader), never from a CDN.

type Detected = { rawValue: string };
type Detector = { detect: (source: HTMLVideoElement) => Promise<Detected[]> };
type DetectorClass = new (opts: { formats: string[] }) => Detector;

const FORMATS = ['code_128', 'ean_13', 'ean_8', 'upc_a', 'upc_e', 'code_39', 'qr_code'];
const noop = () => () => {};
const hasCamera = () => !!navigator.mediaDevices?.getUserMedia;

/** The platform's detector, or the WebAssembly one loaded now. */
async function detectorClass(): Promise<DetectorClass> {
  const native = (window as unknown as { BarcodeDetector?: DetectorClass & { getSupportedFormats?: () => Promise<string[]> } }).BarcodeDetector;
  const formats: string[] = (await native?.getSupportedFormats?.().catch(() => [])) ?? [];
  if (native && formats.includes('code_128')) return native;
  const { BarcodeDetector, prepareZXingModule } = await import('barcode-detector/ponyfill');
  prepareZXingModule({ overrides: { locateFile: (file: string, prefix: string) => (file.endsWith('.wasm') ? '/api/scan/zxing-reader' : prefix + file) } });
  return BarcodeDetector as unknown as DetectorClass;
}

/** A "Scan with camera" button that opens the rear camera and hands each code it reads to `onCode`. */
export function CameraScanner({ onCode }: { onCode: (code: string) => void }) {
  const available = useSyncExternalStore(noop, hasCamera, () => false);
  const [open, setOpen] = useState(false);
  const [starting, setStarting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    if (!open) return;
    let stream: MediaStream | null = null;
    let timer = 0;
    let stopped = false;
    void (async () => {
      try {
        const [Detector, media] = await Promise.all([detectorClass(), navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } })]);
        stream = media;
        if (stopped || !video.current) return;
        const detector = new Detector({ formats: FORMATS });
        video.current.srcObject = stream;
        await video.current.play();
        setStarting(false);
        // About eight looks a second: enough for a code held still, light on a phone's battery.
        const look = async () => {
          if (stopped || !video.current) return;
          const [found] = await detector.detect(video.current).catch(() => []);
          if (stopped) return;
          if (found?.rawValue) {
            onCode(found.rawValue);
            setOpen(false);
            return;
          }
          timer = window.setTimeout(() => void look(), 120);
        };
        void look();
      } catch {
        if (stopped) return;
        setProblem('The camera could not be opened: allow it in the browser, or use a scanner or type the code.');
        setStarting(false);
        setOpen(false);
      }
    })();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, [open, onCode]);

  if (!available) return null;
  return (
    <div>
      {open ? (
        <div className="space-y-2">
          {starting && (
            <p role="status" className="text-sm text-slate-600">
              Opening the camera…
            </p>
          )}
          <video ref={video} muted playsInline className="w-full rounded border border-slate-300 bg-black" aria-label="Camera view" />
          <ScriptButton onClick={() => setOpen(false)} className="min-h-11 w-full rounded border border-slate-300 bg-white px-3">
            Close camera
          </ScriptButton>
        </div>
      ) : (
        <ScriptButton
          onClick={() => {
            setProblem(null);
            setStarting(true);
            setOpen(true);
          }}
          className="min-h-11 w-full rounded border border-slate-300 bg-white px-3 text-slate-700"
        >
          Scan with camera
        </ScriptButton>
      )}
      {problem && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {problem}
        </p>
      )}
    </div>
  );
}
