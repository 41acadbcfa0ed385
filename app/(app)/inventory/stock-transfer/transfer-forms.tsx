'use client';

import { CellInput, type PlaceChoice } from '@/components/stock/line-cells';
import { LineEditor } from '@/components/stock/line-editor';
import { SkuSuggestions } from '@/components/stock/sku-suggestions';
import { ActionForm, Field, SubmitButton } from '@/components/ui/form';
import { transferStatus, type TransferStatus } from '@/lib/stock/transfer-status';
import { createTransferAction, moveTransferAction } from './actions';

export function TransferForm({ places }: { places: PlaceChoice[] }) {
  const options = [{ value: '', label: 'Choose…' }, ...places];
  return (
    <ActionForm action={createTransferAction} className="space-y-4">
      <div className="flex flex-wrap gap-4">
        <Field name="from" label="From location / bin" required options={options} className="w-64" />
        <Field name="to" label="To location / bin" required options={options} className="w-64" />
      </div>
      <Field name="note" label="Note" className="max-w-lg" />
      <div>
        <p className="mb-1 font-medium text-slate-700">Lines</p>
        <LineEditor
          columns={[{ label: 'SKU' }, { label: 'Quantity', align: 'right' }]}
          renderRow={(key, n) => (
            <>
              <td className="px-2 py-2">
                <CellInput name={`sku.${key}`} label={`SKU, line ${n}`} list="transfer-skus" className="w-48" />
              </td>
              <td className="px-2 py-2">
                <CellInput name={`quantity.${key}`} label={`Quantity, line ${n}`} inputMode="numeric" className="ml-auto w-28" />
              </td>
            </>
          )}
        />
      </div>
      <SkuSuggestions id="transfer-skus" />
      <SubmitButton>Save draft</SubmitButton>
    </ActionForm>
  );
}

/** The buttons the transfer's status table offers in its status; each posts the status the page showed. */
/**
 * The transfer's buttons from its status table. A transfer of an inbound shipment (`hide`: Receive
 * and Void) is received as Amazon reports receipts and voided by X on the Inbound Shipments tab.
 */
export function TransferMoves({ id, number, status, hide = [] }: { id: string; number: string; status: TransferStatus; hide?: TransferStatus[] }) {
  return (
    <div className="flex gap-2">
      {transferStatus.buttonsFrom(status).filter((m) => !hide.includes(m.to)).map((m) => (
        <ActionForm key={m.to} action={moveTransferAction}>
          <input type="hidden" name="id" value={id} />
          <input type="hidden" name="from" value={status} />
          <input type="hidden" name="move" value={m.to} />
          <SubmitButton variant={m.danger ? 'danger' : 'primary'}>
            <span>
              {m.label}
              <span className="sr-only"> transfer {number}</span>
            </span>
          </SubmitButton>
        </ActionForm>
      ))}
    </div>
  );
}
