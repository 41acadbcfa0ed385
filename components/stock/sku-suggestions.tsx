'use client';

import { useEffect, useRef, useState } from 'react';

/**
 * A `<datalist>` of SKUs for every SKU input of the enclosing form (inputs named `sku` or
 * `sku.<n>` with `list={id}`), filled from /api/skus as the user types. Listening on the form
 * keeps one request stream however many lines there are; a merchant with 100k products never
 * loads them all.
 */
export function SkuSuggestions({ id }: { id: string }) {
  const ref = useRef<HTMLDataListElement>(null);
  const [options, setOptions] = useState<{ sku: string; name: string }[]>([]);
  useEffect(() => {
    const form = ref.current?.closest('form');
    if (!form) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let controller: AbortController | undefined;
    const onInput = (e: Event) => {
      const input = e.target as HTMLInputElement;
      if (!/^sku(\.\d+)?$/.test(input.name)) return;
      clearTimeout(timer);
      const q = input.value.trim();
      if (q.length < 2) return;
      timer = setTimeout(async () => {
        controller?.abort();
        controller = new AbortController();
        try {
          const res = await fetch(`/api/skus?q=${encodeURIComponent(q)}`, { signal: controller.signal });
          if (res.ok) setOptions(await res.json());
        } catch {
          // Aborted by a newer keystroke, or offline: suggestions are optional.
        }
      }, 200);
    };
    form.addEventListener('input', onInput);
    return () => {
      form.removeEventListener('input', onInput);
      clearTimeout(timer);
      controller?.abort();
    };
  }, []);
  return (
    <datalist id={id} ref={ref}>
      {options.map((o) => (
        <option key={o.sku} value={o.sku}>
          {o.name}
        </option>
      ))}
    </datalist>
  );
}
