import type { Metadata } from 'next';
import './globals.css';

export const metadata: Metadata = { title: { default: 'Inventory', template: '%s · Inventory' } };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen text-sm">{children}</body>
    </html>
  );
}
