'use client';

import { ErrorPanel } from '@/components/ui/error-panel';

/** A page of the app failed to render: the menus stay, the page area says so with a reference. */
export default function AppError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorPanel error={error} retry={retry} />;
}
