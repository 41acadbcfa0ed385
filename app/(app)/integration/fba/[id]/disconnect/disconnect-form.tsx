'use client';

import Link from '@/components/ui/link';
import { ActionForm, SubmitButton } from '@/components/ui/form';
import { disconnectFbaAction } from './actions';

export function DisconnectForm({ id, name }: { id: string; name: string }) {
  return (
    <ActionForm action={disconnectFbaAction} className="flex items-center gap-3">
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="danger">
        <span>
          Disconnect<span className="sr-only"> {name}</span>
        </span>
      </SubmitButton>
      <Link href={`/integration/fba/${id}/setup`}>Cancel</Link>
    </ActionForm>
  );
}
