import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { buttonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, Pager, SearchBox, SortHeader, Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { CUSTOMER_SORTS, listCustomers } from '@/lib/catalog/customers';
import { readSearchParams } from '@/lib/http/search-params';
import { readListParams } from '@/lib/paging';

export const metadata: Metadata = { title: 'Customers' };

const BASE = '/sale/customers';

export default async function CustomersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission(PERMISSION.customers);
  const params = readListParams(readSearchParams(await searchParams), CUSTOMER_SORTS, 'name');
  const page = await listCustomers(await getDb(), params);
  const current = { q: params.q, sort: params.sort, dir: params.dir, after: params.after };
  return (
    <>
      <PageHeader title="Customers" crumbs={['Sale']}>
        <Link href={`${BASE}/new`} className={buttonClass('primary')}>
          New customer
        </Link>
      </PageHeader>
      <div className="mb-4">
        <SearchBox base={BASE} q={params.q} label="Search customers" placeholder="Name, contact or email" />
      </div>
      {page.rows.length === 0 ? (
        params.q || params.after ? (
          <EmptyState title="No customers match">
            Search looks in the name, contact name and email. <Link href={BASE}>Show all customers</Link>
          </EmptyState>
        ) : (
          <EmptyState title="No customers yet">
            <Link href={`${BASE}/new`}>Add your first customer</Link>.
          </EmptyState>
        )
      ) : (
        <>
          <Table
            caption="Customers"
            head={
              <>
                <SortHeader label="Name" sortKey="name" base={BASE} current={current} />
                <Th>Contact</Th>
                <Th>Email</Th>
                <Th>Phone</Th>
                <Th>Ships to</Th>
                <Th>Price tier</Th>
              </>
            }
          >
            {page.rows.map((c) => (
              <tr key={c.id}>
                <Td>
                  <Link href={`${BASE}/${c.id}`} className="font-medium">
                    {c.name}
                  </Link>
                </Td>
                <Td>{c.contactName}</Td>
                <Td>{c.email && <a href={`mailto:${c.email}`}>{c.email}</a>}</Td>
                <Td>{c.phone}</Td>
                <Td>{[c.shippingCity, c.shippingCountry].filter(Boolean).join(', ')}</Td>
                <Td>{c.priceTierName}</Td>
              </tr>
            ))}
          </Table>
          <Pager base={BASE} current={current} next={page.next} />
        </>
      )}
    </>
  );
}
