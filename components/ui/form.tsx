'use client';

import { createContext, useActionState, useContext, useEffect, useId, useRef, useState } from 'react';
import { useFormStatus } from 'react-dom';
import type { ActionState } from '@/lib/action';
import { FILE_TOO_LARGE_MESSAGE, isFileTooLarge } from '@/lib/validation/file';
import { buttonClass } from './button';

const StateCtx = createContext<ActionState<unknown>>({ status: 'idle' });

/** What the form holds now, as the action would refill it, so a refusal here keeps every field as typed. */
function currentValues(form: HTMLFormElement): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new FormData(form).entries()) {
    if (typeof v !== 'string') continue;
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

/**
 * A chosen file over the upload limit, refused in the browser: sending it would only be cut off by
 * the server after the whole upload, with a far less helpful answer.
 */
function refuseLargeFiles(form: HTMLFormElement): ActionState<never> | null {
  const fieldErrors: Record<string, string[]> = {};
  for (const input of form.querySelectorAll<HTMLInputElement>('input[type="file"]'))
    if ([...(input.files ?? [])].some(isFileTooLarge)) fieldErrors[input.name] = [FILE_TOO_LARGE_MESSAGE];
  if (Object.keys(fieldErrors).length === 0) return null;
  return { status: 'error', message: 'Check the highlighted fields.', fieldErrors, values: currentValues(form) };
}

/**
 * A form bound to a server action: shows the action's message, puts zod's field errors next to
 * their fields, and keeps what the user typed when the action refuses it. A file over the upload
 * limit is refused as soon as it is chosen, and the form is not sent while one is chosen.
 */
export function ActionForm<T>({
  action,
  children,
  className,
  successMessage,
  onSuccess,
  id,
}: {
  action: (prev: ActionState<T>, form: FormData) => Promise<ActionState<T>>;
  children: React.ReactNode;
  className?: string;
  successMessage?: string | ((data: T) => string);
  onSuccess?: (data: T) => void;
  id?: string;
}) {
  const [actionState, formAction] = useActionState(action, { status: 'idle' } as ActionState<T>);
  // The browser's own refusal (a file too large) shows in place of the action's last answer.
  const [refused, setRefused] = useState<ActionState<never> | null>(null);
  const state: ActionState<T> = refused ?? actionState;
  const done = useRef<ActionState<T> | null>(null);
  useEffect(() => {
    if (state.status === 'ok' && done.current !== state) {
      done.current = state;
      onSuccess?.(state.data);
    }
  }, [state, onSuccess]);
  const message =
    state.status === 'ok' ? (typeof successMessage === 'function' ? successMessage(state.data) : (state.message ?? successMessage)) : undefined;
  return (
    <StateCtx value={state as ActionState<unknown>}>
      <form
        action={formAction}
        className={className}
        noValidate
        id={id}
        onChange={(e) => {
          if (e.target instanceof HTMLInputElement && e.target.type === 'file') setRefused(refuseLargeFiles(e.currentTarget));
        }}
        onSubmit={(e) => {
          const refusal = refuseLargeFiles(e.currentTarget);
          setRefused(refusal);
          if (refusal) e.preventDefault();
        }}
      >
        {state.status === 'error' && (
          <p role="alert" className="mb-3 rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
            {state.message}
          </p>
        )}
        {message && (
          <p role="status" className="mb-3 rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-emerald-800">
            {message}
          </p>
        )}
        {children}
      </form>
    </StateCtx>
  );
}

export function useFieldState(name: string) {
  const state = useContext(StateCtx);
  if (state.status !== 'error') return { error: undefined, errors: [], typed: undefined, ticked: undefined };
  const raw = state.values?.[name];
  return {
    error: state.fieldErrors?.[name]?.[0],
    /** Every message for the field (a CSV import reports each bad row). */
    errors: state.fieldErrors?.[name] ?? [],
    typed: Array.isArray(raw) ? raw[raw.length - 1] : raw,
    /** For checkbox groups: the values that were ticked when the form was refused. */
    ticked: raw === undefined ? [] : Array.isArray(raw) ? raw : [raw],
  };
}

const inputClass =
  'block w-full rounded border border-slate-300 bg-white px-2.5 py-1.5 shadow-sm focus:border-indigo-500 aria-[invalid=true]:border-red-500 aria-[invalid=true]:bg-red-50';

type FieldProps = {
  name: string;
  label: string;
  type?: string;
  defaultValue?: string | number | null;
  required?: boolean;
  hint?: string;
  placeholder?: string;
  autoComplete?: string;
  options?: readonly (string | { value: string; label: string })[];
  className?: string;
  inputMode?: 'decimal' | 'numeric' | 'text' | 'email';
  rows?: number;
};

export function Field({ name, label, type = 'text', defaultValue, required, hint, placeholder, autoComplete, options, className, inputMode, rows }: FieldProps) {
  const id = useId();
  const { error, typed } = useFieldState(name);
  const value = typed ?? (defaultValue == null ? '' : String(defaultValue));
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  const common = { id, name, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy, required, className: inputClass } as const;
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block font-medium text-slate-700">
        {label}
        {required && <span className="text-red-600"> *</span>}
      </label>
      {options ? (
        <select key={value} defaultValue={value} {...common}>
          {options.map((o) => {
            const opt = typeof o === 'string' ? { value: o, label: o } : o;
            return (
              <option key={opt.value} value={opt.value}>
                {opt.label}
              </option>
            );
          })}
        </select>
      ) : rows ? (
        <textarea key={value} defaultValue={value} rows={rows} placeholder={placeholder} {...common} />
      ) : (
        <input key={value} type={type} defaultValue={value} placeholder={placeholder} autoComplete={autoComplete} inputMode={inputMode} {...common} />
      )}
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * A file input with its label, hint and every message for it: an import reports each bad row, so
 * all of them are listed, not only the first. `children` sit beside the input (its submit button).
 */
export function FileField({ name, label, accept, hint, children }: { name: string; label: string; accept?: string; hint?: string; children?: React.ReactNode }) {
  const id = useId();
  const { errors } = useFieldState(name);
  const describedBy = [errors.length > 0 ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div>
      <div className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor={id} className="mb-1 block font-medium text-slate-700">
            {label}
          </label>
          <input
            id={id}
            name={name}
            type="file"
            accept={accept}
            aria-invalid={errors.length > 0 ? true : undefined}
            aria-describedby={describedBy}
            className="block rounded border border-slate-300 bg-white px-2 py-1 aria-[invalid=true]:border-red-500 aria-[invalid=true]:bg-red-50"
          />
        </div>
        {children}
      </div>
      {errors.length === 1 && (
        <p id={`${id}-error`} className="mt-1 text-xs font-medium text-red-700">
          {errors[0]}
        </p>
      )}
      {errors.length > 1 && (
        <ul id={`${id}-error`} className="mt-2 max-h-72 list-disc overflow-y-auto pl-5 text-xs font-medium text-red-700">
          {errors.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ul>
      )}
      {hint && (
        <p id={`${id}-hint`} className="mt-2 text-xs text-slate-500">
          {hint}
        </p>
      )}
    </div>
  );
}

/**
 * A set of boxes sent under one name (one value per ticked box), with its legend, an optional
 * hint and the field's error from the last refused submit.
 */
export function CheckboxGroup({ name, legend, hint, options, columns = 1 }: { name: string; legend: string; hint?: string; options: readonly { value: string; label: string }[]; columns?: 1 | 2 }) {
  const { error } = useFieldState(name);
  return (
    <fieldset>
      <legend className="mb-1 font-medium text-slate-700">{legend}</legend>
      {hint && <p className="mb-1 text-xs text-slate-500">{hint}</p>}
      <div className={`grid grid-cols-1 gap-1${columns === 2 ? ' sm:grid-cols-2' : ''}`}>
        {options.map((o) => (
          <Checkbox key={o.value} name={name} value={o.value} label={o.label} />
        ))}
      </div>
      {error && <p className="mt-1 text-xs font-medium text-red-700">{error}</p>}
    </fieldset>
  );
}

export function Checkbox({ name, label, defaultChecked, value = 'on' }: { name: string; label: string; defaultChecked?: boolean; value?: string }) {
  const id = useId();
  const { ticked } = useFieldState(name);
  // After a refused submit React resets the form; keep the boxes as the user left them.
  const checked = ticked ? ticked.includes(value) : !!defaultChecked;
  return (
    <div className="flex items-center gap-2">
      <input key={String(checked)} id={id} type="checkbox" name={name} value={value} defaultChecked={checked} className="h-4 w-4 rounded border-slate-300" />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

export function SubmitButton({ children, variant = 'primary', name, value }: { children: React.ReactNode; variant?: 'primary' | 'secondary' | 'danger'; name?: string; value?: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" name={name} value={value} disabled={pending} aria-busy={pending} className={buttonClass(variant)}>
      {pending ? 'Working…' : children}
    </button>
  );
}
