'use client';

import { useEffect, useRef, useState, useSyncExternalStore } from 'react';

// Scanning with the phone's camera where the browser can: the Shape Detection API's BarcodeDetector
// (Chrome on Android, the phones warehouse staff carry; nothing to download, decoded by the
// platform). Elsewhere the button is not shown and a scanner or typing does the work.

type Detected = { rawValue: string };
type Detector = { detect: (source: HTMLVideoElement) => Promise<Detected[]> };
type DetectorClass = new (opts: { formats: string[] }) => Detector;

const FORMATS = ['code_128', 'ean_13', 'ean_8', 'upc_a', 'upc_e', 'code_39', 'qr_code'];
const noop = () => () => {};
const supported = () => 'BarcodeDetector' in window && !!navigator.mediaDevices?.getUserMedia;

export function CameraScanner({ onCode }: { onCode: (code: string) => void }) {
  const available = useSyncExternalStore(noop, supported, () => false);
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    if (!open) return;
    let stream: MediaStream | null = null;
    let frame = 0;
    let stopped = false;
    const Detector = (window as unknown as { BarcodeDetector: DetectorClass }).BarcodeDetector;
    const detector = new Detector({ formats: FORMATS });
    void (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
        if (stopped || !video.current) return;
        video.current.srcObject = stream;
        await video.current.play();
        const look = async () => {
          if (stopped || !video.current) return;
          const [found] = await detector.detect(video.current).catch(() => []);
          if (found?.rawValue) {
            onCode(found.rawValue);
            setOpen(false);
            return;
          }
          frame = requestAnimationFrame(() => void look());
        };
        void look();
      } catch {
        setProblem('The camera could not be opened: allow it in the browser, or use a scanner or type the code.');
        setOpen(false);
      }
    })();
    return () => {
      stopped = true;
      cancelAnimationFrame(frame);
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, [open, onCode]);

  if (!available) return null;
  return (
    <div>
      {open ? (
        <div className="space-y-2">
          <video ref={video} muted playsInline className="w-full rounded border border-slate-300 bg-black" aria-label="Camera view" />
          <button type="button" onClick={() => setOpen(false)} className="min-h-11 w-full rounded border border-slate-300 bg-white px-3">
            Close camera
          </button>
        </div>
      ) : (
        <button
          type="button"
          onClick={() => {
            setProblem(null);
            setOpen(true);
          }}
          className="min-h-11 w-full rounded border border-slate-300 bg-white px-3 text-slate-700"
        >
          Scan with camera
        </button>
      )}
      {problem && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {problem}
        </p>
      )}
    </div>
  );
}
