/** A FormData as the browser would post it, for calling server actions in tests. */
export function formOf(fields: Record<string, string | File>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}
