/** A FormData as the browser would post it, for calling server actions in tests. */
export function formOf(fields: Record<string, string | File>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}

/** The same from name/value pairs, for a form that repeats a name (ticked rows' ids). */
export function formOfEntries(entries: [string, string][]): FormData {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
}

const PRODUCT_FIELDS = ['sku', 'name', 'barcode', 'barcodeType', 'fnsku', 'asin', 'unitCost', 'defaultLocationId', ...Array.from({ length: 10 }, (_, i) => `price${i + 1}`)];

/** Every field of the product form, blank unless given, as the form posts them. */
export function productFields(over: Record<string, string> = {}): Record<string, string> {
  return { ...Object.fromEntries(PRODUCT_FIELDS.map((k) => [k, ''])), ...over };
}

const CUSTOMER_FIELDS = ['name', 'contactName', 'email', 'phone', 'billingAddress', 'shippingLine1', 'shippingLine2', 'shippingCity', 'shippingState', 'shippingPostalCode'];

/** Every field of the customer form, blank unless given (ships to the US at price tier 1). */
export function customerFields(over: Record<string, string> = {}): Record<string, string> {
  return { ...Object.fromEntries(CUSTOMER_FIELDS.map((k) => [k, ''])), shippingCountry: 'US', priceTier: '1', ...over };
}
