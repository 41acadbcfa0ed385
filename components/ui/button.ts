/** Button styles, usable from server and client components alike (this module has no 'use client'). */
export function buttonClass(variant: 'primary' | 'secondary' | 'danger' = 'primary') {
  const base = 'inline-flex items-center gap-1 rounded px-3 py-1.5 font-medium shadow-sm disabled:opacity-60 disabled:cursor-wait';
  if (variant === 'primary') return `${base} bg-indigo-600 text-white hover:bg-indigo-700`;
  if (variant === 'danger') return `${base} border border-red-300 bg-white text-red-700 hover:bg-red-50`;
  return `${base} border border-slate-300 bg-white text-slate-800 hover:bg-slate-50`;
}
