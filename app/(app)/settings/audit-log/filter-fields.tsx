import Link from '@/components/ui/link';

// The Audit Log's filter row: plain GET form fields (the filters live in the URL, so a filtered
// view can be bookmarked or sent to a colleague).

const field = 'w-full rounded border border-slate-300 bg-white px-2.5 py-1.5 sm:w-auto';

function Labelled({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div className="w-full sm:w-auto">
      <label htmlFor={id} className="mb-1 block font-medium text-slate-700">
        {label}
      </label>
      {children}
    </div>
  );
}

export function SelectFilter({ id, name, label, value, all, options }: { id: string; name: string; label: string; value?: string; all: string; options: { value: string; label: string }[] }) {
  return (
    <Labelled id={id} label={label}>
      <select id={id} name={name} defaultValue={value ?? ''} className={field}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Labelled>
  );
}

export function TextFilter({ id, name, label, value, placeholder }: { id: string; name: string; label: string; value?: string; placeholder?: string }) {
  return (
    <Labelled id={id} label={label}>
      <input id={id} name={name} defaultValue={value} placeholder={placeholder} maxLength={100} className={`${field} font-mono text-sm sm:w-64`} />
    </Labelled>
  );
}

export function DateFilter({ id, name, label, value }: { id: string; name: string; label: string; value?: string }) {
  return (
    <Labelled id={id} label={label}>
      <input id={id} name={name} type="date" defaultValue={value} className={field} />
    </Labelled>
  );
}

export function FilterForm({ base, filtered, children }: { base: string; filtered: boolean; children: React.ReactNode }) {
  return (
    <form method="get" action={base} className="mb-3 flex flex-wrap items-end gap-3">
      {children}
      <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-50">
        Show
      </button>
      {filtered && (
        <Link href={base} className="pb-1.5">
          Clear filters
        </Link>
      )}
    </form>
  );
}
