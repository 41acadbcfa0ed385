'use client';

import { ActionForm, Field, SubmitButton, useFieldState } from '@/components/ui/form';
import { addBinAction, createLocationAction, deleteLocationAction, removeBinAction, renameLocationAction } from './actions';

export function CreateLocationForm() {
  return (
    <ActionForm action={createLocationAction} className="flex items-end gap-2" successMessage={(d) => `Location ${d.name} created.`}>
      <Field name="name" label="New location name" required className="min-w-0 flex-1 sm:w-72 sm:flex-none" />
      <SubmitButton>Add location</SubmitButton>
    </ActionForm>
  );
}

function InlineError({ name }: { name: string }) {
  const { error } = useFieldState(name);
  return error ? <p className="text-xs text-red-700">{error}</p> : null;
}

export function AddBinForm({ locationId, locationName }: { locationId: string; locationName: string }) {
  return (
    <ActionForm action={addBinAction} className="flex items-start gap-2">
      <input type="hidden" name="locationId" value={locationId} />
      <div>
        <label htmlFor={`bin-${locationId}`} className="sr-only">
          New bin for {locationName}
        </label>
        <input id={`bin-${locationId}`} name="name" placeholder="New bin" className="w-32 rounded border border-slate-300 px-2 py-1" />
        <InlineError name="name" />
      </div>
      <SubmitButton variant="secondary">Add bin</SubmitButton>
    </ActionForm>
  );
}

export function RemoveBinButton({ id, name }: { id: string; name: string }) {
  return (
    <ActionForm action={removeBinAction} className="inline">
      <input type="hidden" name="id" value={id} />
      <button type="submit" aria-label={`Remove bin ${name}`} className="ml-1 text-red-600 hover:text-red-800">
        ×
      </button>
    </ActionForm>
  );
}

export function RenameLocationForm({ id, name }: { id: string; name: string }) {
  return (
    <ActionForm action={renameLocationAction} className="flex items-start gap-2">
      <input type="hidden" name="id" value={id} />
      <div>
        <label htmlFor={`rename-${id}`} className="sr-only">
          Rename {name}
        </label>
        <input id={`rename-${id}`} name="name" defaultValue={name} className="w-40 rounded border border-slate-300 px-2 py-1" />
        <InlineError name="name" />
      </div>
      <SubmitButton variant="secondary">Rename</SubmitButton>
    </ActionForm>
  );
}

export function DeleteLocationButton({ id, name }: { id: string; name: string }) {
  return (
    <ActionForm action={deleteLocationAction}>
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="danger">
        <span>
          Delete<span className="sr-only"> {name}</span>
        </span>
      </SubmitButton>
    </ActionForm>
  );
}
