'use client';

import { useId } from 'react';
import { useFieldState } from '@/components/ui/form';

/** `cell-input` in app/globals.css: the look of every such input, a red frame when refused. */
const cellClass = 'cell-input';

type CellProps = {
  name: string;
  /** Read by screen readers: the column and the row, e.g. "Quantity, line 2". */
  label: string;
  defaultValue?: string | number | null;
  className?: string;
};

/**
 * An input in a table row of a document form. The visible column header names it; the label
 * (`aria-label`) is for screen readers. Its error (keyed like its name, e.g. `quantity.2`) shows
 * under it, and the value the user typed survives a refused submit. Without an error it is the
 * input alone, with the width (`className`) on it: a stocktake page holds 400 of these, and the
 * wrapper and hidden label each one carried were a tenth of the page's rendering.
 */
export function CellInput({ name, label, defaultValue, className, inputMode, placeholder, list }: CellProps & { inputMode?: 'numeric' | 'decimal' | 'text'; placeholder?: string; list?: string }) {
  const id = useId();
  const { error, typed } = useFieldState(name);
  const value = typed ?? (defaultValue == null ? '' : String(defaultValue));
  const input = (
    <input
      key={value}
      id={id}
      name={name}
      defaultValue={value}
      inputMode={inputMode}
      placeholder={placeholder}
      list={list}
      autoComplete="off"
      aria-label={label}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${id}-error` : undefined}
      className={error || !className ? cellClass : `${cellClass} ${className}`}
    />
  );
  if (!error) return input;
  return (
    <div className={className}>
      {input}
      <p id={`${id}-error`} className="mt-1 text-xs font-medium text-red-700">
        {error}
      </p>
    </div>
  );
}

export function CellSelect({ name, label, defaultValue, className, options }: CellProps & { options: { value: string; label: string }[] }) {
  const id = useId();
  const { error, typed } = useFieldState(name);
  const value = typed ?? (defaultValue == null ? '' : String(defaultValue));
  return (
    <div className={className}>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <select key={value} id={id} name={name} defaultValue={value} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} className={cellClass}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error && (
        <p id={`${id}-error`} className="mt-1 text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

/** Plain data for a place select (a location, or location › bin). */
export type PlaceChoice = { value: string; label: string };
