/** A screen's title under its menu path (crumbs), with the screen's buttons on the right. */
export function PageHeader({ title, children, crumbs }: { title: string; children?: React.ReactNode; crumbs?: string[] }) {
  return (
    <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
      <div className="min-w-0">
        {crumbs && <p className="text-xs text-slate-500">{crumbs.join(' › ')}</p>}
        <h1 className="text-xl font-semibold break-words text-slate-900">{title}</h1>
      </div>
      <div className="flex flex-wrap items-center gap-2">{children}</div>
    </div>
  );
}
