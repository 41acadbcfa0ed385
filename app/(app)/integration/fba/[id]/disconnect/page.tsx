import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { connectionStatus } from '@/lib/fba/connection-status';
import { getConnection } from '@/lib/fba/connections';
import { DisconnectForm } from './disconnect-form';
import { isUuid } from '@/lib/validation/id';

export const metadata: Metadata = { title: 'Disconnect FBA' };

/** The confirmation step: a page of its own, so the decision is one deliberate form submit. */
export default async function DisconnectPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission(PERMISSION.fba);
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const conn = await getConnection(await getDb(), id);
  if (!conn) notFound();
  if (!connectionStatus.canMove(conn.status, 'Disconnected')) return <p className="text-slate-700">This connection is already disconnected.</p>;
  return (
    <section aria-labelledby="disconnect-heading" className="max-w-2xl rounded border border-red-200 bg-white p-4 shadow-sm">
      <h2 id="disconnect-heading" className="mb-2 text-base font-semibold text-slate-900">
        Disconnect {conn.name} from FBA?
      </h2>
      <ul className="mb-4 list-disc space-y-1 pl-5 text-slate-700">
        <li>The app stops calling Amazon for this account: no inventory reports, no fulfilment orders.</li>
        <li>
          The location <strong>{conn.locationName}</strong> stays, with its stock and history, as an ordinary location (it can then be renamed, get bins or be deleted).
        </li>
        <li>You can connect the same seller again later.</li>
      </ul>
      <DisconnectForm id={conn.id} name={conn.name} />
    </section>
  );
}
