import type { Metadata } from 'next';
import { connection } from 'next/server';
import { SoftNavigation } from '@/components/layout/soft-navigation';
import { EarlyScans } from '@/components/scan/early-scans';
import './globals.css';

export const metadata: Metadata = { title: { default: 'Inventory', template: '%s · Inventory' } };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request (the 404 page too): Next puts the proxy's fresh CSP nonce on
  // its scripts while rendering, and a page prerendered at build time would carry none.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen text-sm">
        {/* Before any field: keeps a scanner's scans made before the page's script has run. */}
        <EarlyScans />
        {/* The app's links (@/components/ui/link) are plain <a>; this follows their clicks without a reload. */}
        <SoftNavigation />
        {children}
      </body>
    </html>
  );
}
