import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';

// An outside warehouse (a 3PL) played through the public API only: no database, no code of the app,
// just HTTP with an API key, as another company's system would. It lists the sales ready to ship from
// its location, ships each one's lines picked there with a tracking number, and says what it did.
//
//   THREE_PL_API_KEY=fbak_… npx tsx scripts/three-pl.ts --base http://localhost:3000 --location <id> [--carrier "Acme Freight"]

type Fetch = typeof fetch;

type ListPage = { data: { id: string; number: string }[]; nextCursor: string | null };
type Sale = {
  id: string;
  number: string;
  stages: { ship: string };
  carrier: string | null;
  trackingNumber: string | null;
  picked: { lineNo: number; sku: string; locationId: string; quantity: number }[];
};

export type ShipOutcome = { saleId: string; number: string; shipped: boolean; trackingNumber: string | null; lines: number; detail: string };

export type ThreePlOptions = {
  carrier?: string;
  /** A new tracking number per sale; by default "3PL" and 12 random characters. */
  trackingNumber?: () => string;
  log?: (line: string) => void;
  /** Sales asked for per page (the API's limit). */
  pageSize?: number;
};

const newTracking = () => `3PL${randomBytes(9).toString('base64url').toUpperCase().replace(/[^A-Z0-9]/g, '7').slice(0, 12)}`;

/** One API call: JSON in and out, a 429 waited out (Retry-After), a 5xx or a lost answer tried again with the same Idempotency-Key. */
async function call<T>(fetchFn: Fetch, baseUrl: string, key: string, path: string, init: { method?: string; body?: unknown; idempotencyKey?: string } = {}): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { authorization: `Bearer ${key}`, accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.idempotencyKey) headers['idempotency-key'] = init.idempotencyKey;
  for (let attempt = 1; ; attempt++) {
    let res: Response | null = null;
    try {
      res = await fetchFn(new URL(path, baseUrl).href, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
    } catch (e) {
      // No answer: a write is safe to send again only with an Idempotency-Key (or when it is a read).
      if (attempt >= 4 || (init.method && init.method !== 'GET' && !init.idempotencyKey)) throw e;
    }
    if (res && res.status !== 429 && res.status < 500) return { status: res.status, body: (await res.json()) as T };
    if (res && attempt >= 4) return { status: res.status, body: (await res.json()) as T };
    const wait = res?.status === 429 ? Number(res.headers.get('retry-after') ?? 1) * 1000 : 200 * 2 ** attempt;
    await new Promise((r) => setTimeout(r, wait));
  }
}

function refusal(status: number, body: unknown): Error {
  const detail = (body as { detail?: string } | null)?.detail ?? '';
  return new Error(`The API answered ${status}${detail ? `: ${detail}` : ''}`);
}

/** Every sale ready to ship from the location, all pages, oldest number last as the API lists them. */
export async function salesReadyAt(baseUrl: string, key: string, locationId: string, fetchFn: Fetch = fetch, pageSize = 50) {
  const out: ListPage['data'] = [];
  let cursor: string | null = null;
  do {
    const q: URLSearchParams = new URLSearchParams({ readyToShipFrom: locationId, limit: String(pageSize), ...(cursor ? { cursor } : {}) });
    const page: { status: number; body: ListPage } = await call<ListPage>(fetchFn, baseUrl, key, `/api/v1/sales?${q}`);
    if (page.status !== 200) throw refusal(page.status, page.body);
    out.push(...page.body.data);
    cursor = page.body.nextCursor;
  } while (cursor);
  return out;
}

/**
 * The warehouse's run: every sale ready to ship from `locationId` is shipped, its lines picked there
 * in full, with a new tracking number and the time it left. A sale someone else shipped meanwhile
 * (409) is reported and left alone; a run after everything shipped finds nothing to do.
 */
export async function shipReadyFrom(baseUrl: string, key: string, locationId: string, fetchFn: Fetch = fetch, options: ThreePlOptions = {}): Promise<ShipOutcome[]> {
  const log = options.log ?? (() => {});
  const ready = await salesReadyAt(baseUrl, key, locationId, fetchFn, options.pageSize);
  log(`${ready.length} sale${ready.length === 1 ? '' : 's'} ready to ship from location ${locationId}.`);
  const outcomes: ShipOutcome[] = [];
  for (const { id } of ready) {
    const got = await call<Sale>(fetchFn, baseUrl, key, `/api/v1/sales/${id}`);
    if (got.status !== 200) throw refusal(got.status, got.body);
    const sale = got.body;
    const here = sale.picked.filter((p) => p.locationId === locationId);
    const trackingNumber = (options.trackingNumber ?? newTracking)();
    const shipped = await call<Sale & { detail?: string }>(fetchFn, baseUrl, key, `/api/v1/sales/${id}/ship`, {
      method: 'POST',
      // The same key on a retry of this shipment, so a lost answer never ships twice.
      idempotencyKey: `3pl-ship-${id}-${trackingNumber}`,
      body: { carrier: options.carrier ?? 'Outside warehouse', trackingNumber, shippedAt: new Date().toISOString(), lines: here.map((p) => ({ pickLineNo: p.lineNo, quantity: p.quantity })) },
    });
    if (shipped.status === 200) {
      const units = here.reduce((n, p) => n + p.quantity, 0);
      const detail = `Shipped ${sale.number}: ${here.length} line${here.length === 1 ? '' : 's'}, ${units} unit${units === 1 ? '' : 's'}, tracking ${trackingNumber}.`;
      log(detail);
      outcomes.push({ saleId: id, number: sale.number, shipped: true, trackingNumber, lines: here.length, detail });
    } else if (shipped.status === 409) {
      const detail = `Not shipped ${sale.number}: ${shipped.body.detail ?? 'refused'}`;
      log(detail);
      outcomes.push({ saleId: id, number: sale.number, shipped: false, trackingNumber: null, lines: 0, detail });
    } else throw refusal(shipped.status, shipped.body);
  }
  return outcomes;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const base = arg('base') ?? process.env.THREE_PL_BASE_URL;
  const location = arg('location') ?? process.env.THREE_PL_LOCATION_ID;
  const key = arg('key') ?? process.env.THREE_PL_API_KEY;
  if (!base || !location || !key) {
    console.error('Usage: THREE_PL_API_KEY=fbak_… npx tsx scripts/three-pl.ts --base <app URL> --location <location id> [--carrier <name>]  (or --key, THREE_PL_BASE_URL, THREE_PL_LOCATION_ID)');
    process.exit(2);
  }
  shipReadyFrom(base, key, location, fetch, { carrier: arg('carrier'), log: (l) => console.log(l) })
    .then((done) => console.log(`Done: ${done.filter((d) => d.shipped).length} shipped, ${done.filter((d) => !d.shipped).length} left alone.`))
    .catch((e: unknown) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exit(1);
    });
}
