'use client';

import { createContext, useActionState, useContext, useEffect, useId, useRef } from 'react';
import { useFormStatus } from 'react-dom';
import type { ActionState } from '@/lib/action';
import { buttonClass } from './button';

const StateCtx = createContext<ActionState<unknown>>({ status: 'idle' });

/**
 * A form bound to a server action: shows the action's message, puts zod's field errors next to
 * their fields, and keeps what the user typed when the action refuses it.
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
  const [state, formAction] = useActionState(action, { status: 'idle' } as ActionState<T>);
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
      <form action={formAction} className={className} noValidate id={id}>
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
  if (state.status !== 'error') return { error: undefined, typed: undefined, ticked: undefined };
  const raw = state.values?.[name];
  return {
    error: state.fieldErrors?.[name]?.[0],
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
