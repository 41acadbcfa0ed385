'use client';

import { ActionForm, FileField, SubmitButton } from '@/components/ui/form';
import type { ImportResult } from '@/lib/catalog/product-import';
import { MAX_UPLOAD_LABEL } from '@/lib/http/limits';
import { importProductsAction } from './actions';

/**
 * Product CSV import. Every bad row is listed under the file input (not only the first), and a
 * file over the upload limit is refused in the browser before it is sent.
 */
export function ImportProductsForm() {
  return (
    <ActionForm action={importProductsAction} successMessage={(d: ImportResult) => `Import finished: ${d.created} created, ${d.updated} updated.`}>
      <FileField
        name="file"
        label="CSV file"
        accept=".csv,text/csv"
        hint={`Same columns as the export; SKU is required, other columns may be left out (they stay unchanged). New SKUs are created, existing ones updated. Errors name the line of the file (the header is line 1). If any row has an error, nothing is imported: fix the file and upload it again. At most ${MAX_UPLOAD_LABEL} per file.`}
      >
        <SubmitButton variant="secondary">Import</SubmitButton>
      </FileField>
    </ActionForm>
  );
}
