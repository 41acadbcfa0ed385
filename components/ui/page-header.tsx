/** A screen's title under its menu path (crumbs), with the screen's buttons on the right. */
export function PageHeader({ title, children, crumbs }: { title: string; children?: React.ReactNode; crumbs?: string[] }) {
  return (
    <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
      <div>
        {crumbs && <p className="text-xs text-slate-500">{crumbs.join(' › ')}</p>}
        <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
      </div>
      <div className="flex items-center gap-2">{children}</div>
    </div>
  );
}
