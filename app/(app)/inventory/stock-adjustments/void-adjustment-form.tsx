'use client';

import { ActionForm, SubmitButton } from '@/components/ui/form';
import { voidAdjustmentAction } from './actions';

export function VoidAdjustmentForm({ id, number }: { id: string; number: string }) {
  return (
    <ActionForm action={voidAdjustmentAction}>
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="danger">
        <span>
          Void<span className="sr-only"> adjustment {number}</span>
        </span>
      </SubmitButton>
    </ActionForm>
  );
}
