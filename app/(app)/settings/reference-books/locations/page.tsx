import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { listLocations } from '@/lib/reference/locations';
import { AddBinForm, CreateLocationForm, DeleteLocationButton, RemoveBinButton, RenameLocationForm } from './location-forms';

export const metadata: Metadata = { title: 'Locations and Bins' };

export default async function LocationsPage() {
  await requirePermission(PERMISSION.referenceBooks);
  const rows = await listLocations(await getDb());
  return (
    <>
      <PageHeader title="Locations and Bins" crumbs={['Settings', 'Reference Books']} />
      <section aria-label="New location" className="mb-5 rounded border border-slate-200 bg-white p-4 shadow-sm">
        <CreateLocationForm />
      </section>
      {rows.length === 0 ? (
        <EmptyState title="No locations yet">Add your first warehouse above; stock is always held at a location.</EmptyState>
      ) : (
        <Table
          caption="Locations"
          head={
            <>
              <Th>Location</Th>
              <Th align="right">On hand</Th>
              <Th>Bins</Th>
              <Th>Actions</Th>
            </>
          }
        >
          {rows.map((l) => (
            <tr key={l.id} data-testid={`location-${l.name}`}>
              <Td>
                <span className="font-medium">{l.name}</span>
                {l.externalConnectionId && (
                  <span className="ml-2 rounded-full border border-amber-300 bg-amber-50 px-2 py-0.5 text-xs text-amber-800">used for external fulfilment</span>
                )}
              </Td>
              <Td align="right">{l.onHand}</Td>
              <Td>
                {l.externalConnectionId ? (
                  <span className="text-slate-500">External locations cannot have bins.</span>
                ) : (
                  <div className="space-y-2">
                    {l.bins.length > 0 && (
                      <ul className="flex flex-wrap gap-2">
                        {l.bins.map((b) => (
                          <li key={b.id} className="inline-flex items-center gap-1 rounded border border-slate-200 bg-slate-50 px-2 py-0.5">
                            {b.name}
                            <span className="text-xs text-slate-500">({b.onHand})</span>
                            <RemoveBinButton id={b.id} name={b.name} />
                          </li>
                        ))}
                      </ul>
                    )}
                    <AddBinForm locationId={l.id} locationName={l.name} />
                  </div>
                )}
              </Td>
              <Td>
                {l.externalConnectionId ? (
                  <span className="text-slate-500">Managed by its connection</span>
                ) : (
                  <div className="flex flex-wrap items-start gap-2">
                    <RenameLocationForm id={l.id} name={l.name} />
                    <DeleteLocationButton id={l.id} name={l.name} />
                  </div>
                )}
              </Td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
