'use client';

import { useRouter } from 'next/navigation';
import { LabelDocuments } from '@/components/labels/label-documents';
import { ActionForm, Field, SubmitButton } from '@/components/ui/form';
import type { LabelDocumentJson } from '@/lib/labels/documents';
import { requeueLabelsAction, shipmentProductLabelsAction } from './actions';

/**
 * The shipment's labels: box labels (ours) and shipping labels (Amazon's), queued at confirmation;
 * product (FNSKU) labels for the units you label, on request. Each document shows its progress
 * until it can be downloaded.
 */
export function LabelsPanel({ inboundId, documents, formats, sellerUnits }: { inboundId: string; documents: LabelDocumentJson[]; formats: { value: string; label: string }[]; sellerUnits: number }) {
  const router = useRouter();
  return (
    <div className="space-y-4">
      <LabelDocuments documents={documents} caption="Labels of this shipment" empty="Box and shipping labels are made once Amazon confirms the shipment." />
      <div className="flex flex-wrap items-end gap-6">
        {sellerUnits > 0 && (
          <ActionForm action={shipmentProductLabelsAction} onSuccess={() => router.refresh()} className="flex flex-wrap items-end gap-3">
            <input type="hidden" name="id" value={inboundId} />
            <Field name="format" label={`Product labels for the ${sellerUnits} units you label`} options={formats} defaultValue={formats[0]?.value} className="w-full sm:w-80" />
            <SubmitButton variant="secondary">Print product labels</SubmitButton>
          </ActionForm>
        )}
        <ActionForm action={requeueLabelsAction} onSuccess={() => router.refresh()}>
          <input type="hidden" name="id" value={inboundId} />
          <SubmitButton variant="secondary">Make box and shipping labels again</SubmitButton>
        </ActionForm>
      </div>
    </div>
  );
}
