import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { EmptyState } from '@/components/ui/table';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { getConnection } from '@/lib/fba/connections';
import { getConnectionSetup } from '@/lib/fba/setup';
import { missingShipFrom, shipFromOf } from '@/lib/inbound/ship-from';
import { listPlaces } from '@/lib/stock/places';
import { isUuid } from '@/lib/validation/id';
import { WizardSteps } from '@/components/inbound/wizard-steps';
import { NewInboundForm } from './new-inbound-form';

export const metadata: Metadata = { title: 'New inbound shipment' };

export default async function NewInboundPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission(PERMISSION.fba);
  const { id } = await params;
  const db = await getDb();
  const [conn, setup] = isUuid(id) ? await Promise.all([getConnection(db, id), getConnectionSetup(db, id)]) : [null, null];
  if (!conn || !setup) notFound();
  const base = `/integration/fba/${conn.id}`;
  const missing = missingShipFrom(setup);
  const places = (await listPlaces(db)).filter((p) => !p.external);
  const from = missing.length === 0 ? shipFromOf(setup) : null;
  return (
    <>
      <h2 className="mb-2 text-lg font-semibold text-slate-900">New inbound shipment</h2>
      <WizardSteps current="items" />
      {conn.status !== 'Active' ? (
        <EmptyState title="This connection is disconnected">Inbound shipments can only be sent through an active FBA connection.</EmptyState>
      ) : missing.length > 0 ? (
        <EmptyState title="Amazon needs your contact person and ship-from address first">
          Missing on the Setup tab: {missing.join(', ')}. <Link href={`${base}/setup`}>Complete the Setup tab</Link>, then come back.
        </EmptyState>
      ) : places.length === 0 ? (
        <EmptyState title="No location of yours to ship from">
          <Link href="/settings/reference-books/locations">Add a location</Link> and stock it first.
        </EmptyState>
      ) : (
        <div className="grid gap-4 lg:grid-cols-[1fr_18rem]">
          <section aria-label="Goods" className="rounded border border-slate-200 bg-white p-4 shadow-sm">
            <NewInboundForm connectionId={conn.id} places={places.map((p) => ({ value: p.value, label: p.label }))} />
          </section>
          <aside aria-labelledby="ship-from" className="rounded border border-slate-200 bg-white p-4 text-sm shadow-sm">
            <h3 id="ship-from" className="mb-2 font-semibold text-slate-900">
              Ship from (Setup tab)
            </h3>
            <address className="not-italic text-slate-700">
              {from!.name}
              <br />
              {from!.addressLine1}
              {from!.addressLine2 && (
                <>
                  <br />
                  {from!.addressLine2}
                </>
              )}
              <br />
              {[from!.city, from!.stateOrProvinceCode, from!.postalCode].filter(Boolean).join(', ')} {from!.countryCode}
            </address>
            <p className="mt-2 text-slate-700">
              Contact: {from!.contactName}, {from!.phoneNumber}
              {from!.email ? `, ${from!.email}` : ''}
            </p>
            <p className="mt-2">
              <Link href={`${base}/setup`}>Change on the Setup tab</Link>
            </p>
          </aside>
        </div>
      )}
    </>
  );
}
