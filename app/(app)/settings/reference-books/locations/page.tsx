import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { LabelDocuments } from '@/components/labels/label-documents';
import { buttonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { readSearchParams } from '@/lib/http/search-params';
import { listLabelDocuments } from '@/lib/labels/documents';
import { FNSKU_FORMAT_LABELS } from '@/lib/labels/sheets';
import { listLocations } from '@/lib/reference/locations';
import { BinLabelsDialog } from './bin-labels-dialog';
import { AddBinForm, CreateLocationForm, DeleteLocationButton, RemoveBinButton, RenameLocationForm } from './location-forms';

export const metadata: Metadata = { title: 'Locations and Bins' };

const PATH = '/settings/reference-books/locations';
const FORMATS = Object.entries(FNSKU_FORMAT_LABELS).map(([value, label]) => ({ value, label }));

export default async function LocationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission(PERMISSION.referenceBooks);
  const sp = readSearchParams(await searchParams);
  const db = await getDb();
  const [rows, binLabelDocs] = await Promise.all([listLocations(db), listLabelDocuments(db, { kind: 'bin' }, 5)]);
  // ?bins=<location id> opens Print bin labels for that location.
  const printing = typeof sp.bins === 'string' ? rows.find((l) => l.id === sp.bins && !l.externalConnectionId) : undefined;
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
                    {l.bins.length > 0 && (
                      <Link href={`${PATH}?bins=${l.id}`} scroll={false} className={buttonClass('secondary')}>
                        Print bin labels<span className="sr-only"> of {l.name}</span>
                      </Link>
                    )}
                    <RenameLocationForm id={l.id} name={l.name} />
                    <DeleteLocationButton id={l.id} name={l.name} />
                  </div>
                )}
              </Td>
            </tr>
          ))}
        </Table>
      )}
      <section aria-labelledby="bin-labels-heading" className="mt-6">
        <h2 id="bin-labels-heading" className="mb-1 font-semibold text-slate-800">
          Bin labels
        </h2>
        <p className="mb-2 text-sm text-slate-600">Code 128 labels of a location&apos;s bins, to scan on the floor: press Print bin labels beside a location.</p>
        <LabelDocuments documents={binLabelDocs} caption="Recent bin labels" empty="Press Print bin labels beside a location, choose its bins, and the PDF appears here to download." />
      </section>
      {printing && <BinLabelsDialog key={printing.id} location={{ id: printing.id, name: printing.name }} bins={printing.bins.map((b) => ({ id: b.id, name: b.name }))} formats={FORMATS} closeHref={PATH} />}
    </>
  );
}
