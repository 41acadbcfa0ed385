import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { getCompanySettings } from '@/lib/reference/company';
import { GeneralSettingsForm, SalesProcessForm } from './general-settings-form';
import { FormSection } from '@/components/ui/form-section';

export const metadata: Metadata = { title: 'General Settings' };

export default async function GeneralSettingsPage() {
  await requirePermission(PERMISSION.generalSettings);
  const s = await getCompanySettings(await getDb());
  return (
    <>
      <PageHeader title="General Settings" crumbs={['Settings']} />
      <section className="max-w-xl rounded border border-slate-200 bg-white p-4 shadow-sm">
        <GeneralSettingsForm companyName={s.companyName} baseCurrency={s.baseCurrency} />
        <p className="mt-4 text-slate-600">Costing method: moving weighted average per product (all locations together).</p>
      </section>
      <FormSection id="sales-process" title="Sales Process Customisation">
        <SalesProcessForm autoPick={s.autoPick} autoPack={s.autoPack} autoShip={s.autoShip} />
      </FormSection>
    </>
  );
}
