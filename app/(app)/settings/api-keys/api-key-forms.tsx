'use client';

import { useId, useState } from 'react';
import { ActionForm, Checkbox, Field, SubmitButton, useFieldState } from '@/components/ui/form';
import { PERMISSIONS } from '@/lib/auth/permissions';
import { createApiKeyAction, revokeApiKeyAction } from './actions';

type Owner = { id: string; name: string; email: string };

function PermissionBoxes() {
  const { error } = useFieldState('permissions');
  return (
    <fieldset>
      <legend className="mb-1 font-medium text-slate-700">Permissions of the key</legend>
      <p className="mb-1 text-xs text-slate-500">Only permissions its owner holds; the key loses one as soon as the owner does.</p>
      <div className="grid grid-cols-1 gap-1 sm:grid-cols-2">
        {PERMISSIONS.map((p) => (
          <Checkbox key={p} name="permissions" value={p} label={p} />
        ))}
      </div>
      {error && <p className="mt-1 text-xs font-medium text-red-700">{error}</p>}
    </fieldset>
  );
}

/** The new key, shown once: nothing can show it again. */
function NewKey({ name, secret }: { name: string; secret: string }) {
  const id = useId();
  const [copied, setCopied] = useState(false);
  return (
    <div role="status" className="mb-4 space-y-2 rounded border border-amber-300 bg-amber-50 p-3 text-amber-900">
      <p className="font-medium">Key “{name}” created. Copy it now: it is shown only this once.</p>
      <label htmlFor={id} className="block text-sm">
        API key
      </label>
      <div className="flex flex-wrap gap-2">
        <input id={id} readOnly value={secret} className="min-w-0 flex-1 rounded border border-amber-300 bg-white px-2 py-1 font-mono text-sm" onFocus={(e) => e.currentTarget.select()} />
        <button
          type="button"
          className="rounded border border-amber-400 bg-white px-3 py-1 font-medium hover:bg-amber-100"
          onClick={() => void navigator.clipboard?.writeText(secret).then(() => setCopied(true))}
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <p className="text-sm">
        Send it as <code>Authorization: Bearer …</code> to <code>/api/v1</code>; the reference is under Settings → API Keys → API reference.
      </p>
    </div>
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
        <PermissionBoxes />
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
