'use client';

import { useId } from 'react';
import { ActionForm, Checkbox, Field, SubmitButton, useFieldState } from '@/components/ui/form';
import { PERMISSIONS } from '@/lib/auth/permissions';
import { createUserAction, updateUserAccessAction } from './actions';

function PermissionBoxes({ selected, legend }: { selected: readonly string[]; legend: string }) {
  const { error } = useFieldState('permissions');
  return (
    <fieldset>
      <legend className="mb-1 font-medium text-slate-700">{legend}</legend>
      <div className="grid grid-cols-1 gap-1 sm:grid-cols-2">
        {PERMISSIONS.map((p) => (
          <Checkbox key={p} name="permissions" value={p} label={p} defaultChecked={selected.includes(p)} />
        ))}
      </div>
      {error && <p className="mt-1 text-xs text-red-700">{error}</p>}
    </fieldset>
  );
}

export function CreateUserForm() {
  return (
    <ActionForm action={createUserAction} className="space-y-3" successMessage={(d) => `User ${d.email} created.`}>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <Field name="name" label="Name" required />
        <Field name="email" label="Email" type="email" required autoComplete="off" />
        <Field name="password" label="Password" type="password" required autoComplete="new-password" hint="At least 10 characters." />
      </div>
      <PermissionBoxes selected={[]} legend="Permissions" />
      <SubmitButton>Create user</SubmitButton>
    </ActionForm>
  );
}

export function EditAccessForm({ userId, name, active, permissions }: { userId: string; name: string; active: boolean; permissions: readonly string[] }) {
  const id = useId();
  return (
    <details>
      <summary className="cursor-pointer text-indigo-700">
        {permissions.length} permission{permissions.length === 1 ? '' : 's'} — edit<span className="sr-only"> access for {name}</span>
      </summary>
      <ActionForm action={updateUserAccessAction} className="mt-2 space-y-3" successMessage="Access saved.">
        <input type="hidden" name="userId" value={userId} />
        <div className="flex items-center gap-2">
          <input id={id} type="checkbox" name="active" defaultChecked={active} className="h-4 w-4" />
          <label htmlFor={id}>Active (can sign in)</label>
        </div>
        <PermissionBoxes selected={permissions} legend={`Permissions of ${name}`} />
        <SubmitButton>Save access</SubmitButton>
      </ActionForm>
    </details>
  );
}
