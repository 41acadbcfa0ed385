'use client';

import { RunDownloadPanel } from '@/components/runs/run-download-panel';
import type { RunJson } from '@/lib/runs/run-progress';
import { downloadInboundAction } from './actions';

/** Refresh, and Download: every open shipment's status from Amazon now. */
export function DownloadPanel({ connectionId, initial, disabled }: { connectionId: string; initial: RunJson | null; disabled?: boolean }) {
  return (
    <RunDownloadPanel label="Statuses from Amazon" statusUrl={`/api/fba/${connectionId}/inbound-status`} initial={initial} start={downloadInboundAction} fields={{ connectionId }} button="Download" disabled={disabled}>
      Statuses and received quantities are downloaded from Amazon every hour; Download fetches every open shipment&apos;s status now. Closed, Cancelled, Deleted and Error shipments
      are no longer updated.
    </RunDownloadPanel>
  );
}
