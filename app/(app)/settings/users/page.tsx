import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/page-header';
import { StatusBadge } from '@/components/ui/status-badge';
import { Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { listUsers } from '@/lib/auth/users';
import { CreateUserForm, EditAccessForm } from './user-forms';
import { FormSection } from '@/components/ui/form-section';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage() {
  const me = await requirePermission(PERMISSION.users);
  const rows = await listUsers(await getDb());
  return (
    <>
      <PageHeader title="Users" crumbs={['Settings']} />
      <Table
        caption="Users"
        head={
          <>
            <Th>Name</Th>
            <Th>Email</Th>
            <Th>Status</Th>
            <Th>Access</Th>
          </>
        }
      >
        {rows.map((u) => (
          <tr key={u.id} data-testid={`user-${u.email}`}>
            <Td className="font-medium">
              {u.name}
              {u.id === me.id && <span className="ml-1 text-xs text-slate-500">(you)</span>}
            </Td>
            <Td>{u.email}</Td>
            <Td>
              <StatusBadge status={u.active ? 'Active' : 'Inactive'} />
            </Td>
            <Td>
              {u.isAdmin ? (
                <span className="text-slate-600">Administrator: every permission</span>
              ) : (
                <EditAccessForm userId={u.id} name={u.name} active={u.active} permissions={u.permissions} />
              )}
            </Td>
          </tr>
        ))}
      </Table>
      <FormSection id="new-user" title="New user">
        <CreateUserForm />
      </FormSection>
    </>
  );
}
