/**
 * Document lines travel in a form as `field.<index>` inputs (`sku.0`, `quantity.0`, …), so zod's
 * flattened field errors can name one cell (`quantity.3`) and the form can put the message next to
 * it. Lines whose typed inputs are all blank are dropped (`prefilled` fields, such as a select that
 * always has a value, do not count); the index is kept so errors still point at
 * the right row.
 */
export type RawLine<F extends string> = { index: number } & Record<F, string>;

export function readLines<F extends string>(form: FormData | Record<string, string>, fields: readonly F[], prefilled: readonly F[] = []): RawLine<F>[] {
  const entries = form instanceof FormData ? [...form.entries()] : Object.entries(form);
  const byIndex = new Map<number, Record<string, string>>();
  for (const [key, value] of entries) {
    const m = /^([A-Za-z]+)\.(\d{1,4})$/.exec(key);
    if (!m || typeof value !== 'string' || !(fields as readonly string[]).includes(m[1])) continue;
    const index = Number(m[2]);
    const row = byIndex.get(index) ?? {};
    row[m[1]] = value;
    byIndex.set(index, row);
  }
  return [...byIndex.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([index, row]) => ({ index, ...Object.fromEntries(fields.map((f) => [f, (row[f] ?? '').trim()])) }) as RawLine<F>)
    .filter((l) => fields.some((f) => !prefilled.includes(f) && l[f] !== ''));
}

/** Plain fields of a form (everything that is not a line cell). */
export function readHeader(form: FormData | Record<string, string>): Record<string, string> {
  const entries = form instanceof FormData ? [...form.entries()] : Object.entries(form);
  const out: Record<string, string> = {};
  for (const [k, v] of entries) if (typeof v === 'string' && !/\.\d+$/.test(k) && !k.startsWith('$ACTION')) out[k] = v;
  return out;
}
