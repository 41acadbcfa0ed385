import type { ReactNode } from 'react';

/**
 * The card holding a page's own form below its list ("New user", "New API key", "New endpoint",
 * "Sales Process Customisation"): a section named by its heading, so a screen reader lists it as
 * a region and the heading outline reads the same on every settings page.
 */
export function FormSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mt-6 max-w-3xl rounded border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id={id} className="mb-3 text-base font-semibold text-slate-900">
        {title}
      </h2>
      {children}
    </section>
  );
}
