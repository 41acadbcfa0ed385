'use client';

import { RunDownloadPanel } from '@/components/runs/run-download-panel';
import type { RunJson } from '@/lib/runs/run-progress';
import { downloadOrdersAction } from '../actions';

/** Refresh, and Download orders: the orders Amazon changed since the last download, then the customer returns. */
export function OrdersDownloadPanel({ storeId, initial, ready, every15 }: { storeId: string; initial: RunJson | null; ready: boolean; every15: boolean }) {
  return (
    <RunDownloadPanel label="Orders from Amazon" statusUrl={`/api/amazon/${storeId}/orders-status`} initial={initial} start={downloadOrdersAction} fields={{ storeId }} button="Download orders" disabled={!ready}>
      {every15 ? 'Orders are downloaded from Amazon every 15 minutes. ' : 'Automatic download is off (turn it on in Setup). '}
      Download orders fetches the orders Amazon changed since the last download now, and the customer returns of Amazon-fulfilled orders.
    </RunDownloadPanel>
  );
}
