'use client';

import { useState } from 'react';
import { ActionForm, CheckboxGroup, Field, SubmitButton } from '@/components/ui/form';
import { ShownOnce } from '@/components/ui/shown-once';
import { PERMISSIONS } from '@/lib/auth/permissions';
import { createApiKeyAction, revokeApiKeyAction } from './actions';

type Owner = { id: string; name: string; email: string };

/** The new key, shown once: nothing can show it again. */
function NewKey({ name, secret }: { name: string; secret: string }) {
  return (
    <ShownOnce message={`Key “${name}” created. Copy it now: it is shown only this once.`} label="API key" secret={secret}>
      Send it as <code>Authorization: Bearer …</code> to <code>/api/v1</code>; the reference is under Settings → API Keys → API reference.
    </ShownOnce>
  );
}

export function CreateApiKeyForm({ owners }: { owners: Owner[] }) {
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  return (
    <>
      {created && <NewKey name={created.name} secret={created.key} />}
      <ActionForm action={createApiKeyAction} className="space-y-3" onSuccess={(d) => setCreated({ name: d.name, key: d.key })}>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <Field name="name" label="Name" required hint="What uses it, e.g. “Northside 3PL”." />
          <Field name="ownerId" label="Owner (the key acts as this user)" required options={[{ value: '', label: 'Choose a user…' }, ...owners.map((o) => ({ value: o.id, label: `${o.name} (${o.email})` }))]} />
        </div>
        <CheckboxGroup name="permissions" legend="Permissions of the key" hint="Only permissions its owner holds; the key loses one as soon as the owner does." options={PERMISSIONS.map((p) => ({ value: p, label: p }))} columns={2} />
        <SubmitButton>Create key</SubmitButton>
      </ActionForm>
    </>
  );
}

export function RevokeKeyForm({ id, name }: { id: string; name: string }) {
  return (
    <details>
      <summary className="cursor-pointer text-red-700">
        Revoke<span className="sr-only"> key {name}</span>
      </summary>
      <ActionForm action={revokeApiKeyAction} className="mt-2 space-y-2" successMessage={(d) => `Key ${d.name} revoked.`}>
        <input type="hidden" name="id" value={id} />
        <p className="text-sm text-slate-700">Systems using “{name}” are refused from their next request. This cannot be undone.</p>
        <SubmitButton variant="danger">Revoke key</SubmitButton>
      </ActionForm>
    </details>
  );
}
