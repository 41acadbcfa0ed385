import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/page-header';
import { StatusBadge } from '@/components/ui/status-badge';
import { EmptyState, Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { listApiKeys } from '@/lib/api/keys';
import { requireAdministrator } from '@/lib/auth/session';
import { listUsers } from '@/lib/auth/users';
import { formatUtcDateTime } from '@/lib/format/date';
import { CreateApiKeyForm, RevokeKeyForm } from './api-key-forms';
import { FormSection } from '@/components/ui/form-section';

export const metadata: Metadata = { title: 'API Keys' };

export default async function ApiKeysPage() {
  await requireAdministrator();
  const db = await getDb();
  const [keys, users] = await Promise.all([listApiKeys(db), listUsers(db)]);
  return (
    <>
      <PageHeader title="API Keys" crumbs={['Settings']} />
      <p className="mb-4 max-w-3xl text-slate-700">
        Other systems (a 3PL’s warehouse, a shop) call the API at <code>/api/v1</code> with a key, acting as the key’s owner with the permissions ticked on it. See the{' '}
        <a href="/settings/api-keys/reference">API reference</a>.
      </p>
      {keys.length === 0 ? (
        <EmptyState title="No API keys yet">Create one below for each system that calls the API, so each can be revoked on its own.</EmptyState>
      ) : (
        <Table
          caption="API keys"
          head={
            <>
              <Th>Name</Th>
              <Th>Key</Th>
              <Th>Owner</Th>
              <Th>Permissions</Th>
              <Th>Created (UTC)</Th>
              <Th>Last used (UTC)</Th>
              <Th>Status</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </>
          }
        >
          {keys.map((k) => (
            <tr key={k.id} data-testid={`api-key-${k.name}`}>
              <Td className="font-medium">{k.name}</Td>
              <Td>
                <code>{k.prefix}…</code>
              </Td>
              <Td>
                {k.ownerName}
                {!k.ownerActive && <span className="ml-1 text-xs text-slate-500">(inactive: key refused)</span>}
              </Td>
              <Td className="max-w-xs text-sm">{k.permissions.join(', ')}</Td>
              <Td>{formatUtcDateTime(k.createdAt)}</Td>
              <Td>{formatUtcDateTime(k.lastUsedAt, 'Never')}</Td>
              <Td>
                <StatusBadge status={k.revokedAt ? 'Revoked' : 'Active'} />
                {k.revokedAt && <span className="ml-1 text-xs text-slate-500">{formatUtcDateTime(k.revokedAt)}</span>}
              </Td>
              <Td>{!k.revokedAt && <RevokeKeyForm id={k.id} name={k.name} />}</Td>
            </tr>
          ))}
        </Table>
      )}
      <FormSection id="new-key" title="New API key">
        <CreateApiKeyForm owners={users.filter((u) => u.active).map((u) => ({ id: u.id, name: u.name, email: u.email }))} />
      </FormSection>
    </>
  );
}
