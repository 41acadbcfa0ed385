// npx tsx bench/render-ab.ts — the server CPU each screen of bench/load.ts costs per request, in two
// production builds side by side (issue 13: render cost). On a machine others share, wall-clock and
// even CPU figures taken minutes apart differ by a third; here both builds run at once and take
// turns, so each round compares them under the same conditions.
// AB_A and AB_B name the two builds' dist folders (e.g. `.next-before`, `.next`: build each with
// NEXT_DIST_DIR=<folder> npx next build); LOAD_DATABASE_URL a database holding the generated merchant
// (bench/merchant/generate.ts, or bench/load.ts with LOAD_KEEP_DB=1). The servers listen on AB_PORT
// (default 3390) and the port after it. Per screen: 5 warm-up requests each, then AB_ROUNDS (10)
// rounds of AB_REQUESTS (10) requests one after another from one client, to A then B (B first in
// every other round); printed: the median CPU ms per request of each and the median of the rounds'
// B/A ratios. LOAD_SCREENS as for bench/load.ts. Linux only (/proc).
import type { ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { eq } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import { openPostgres } from '../db/client';
import * as schema from '../db/schema';
import { listFulfilmentOrders } from '../lib/fulfilment/fo-list';
import { getSale } from '../lib/sale/queries';
import { assertPortFree, startNext, stopChild, waitForHealth } from '../scripts/lib/processes';
import { percentile, screens, treeCpuSeconds } from './load';
import { findMerchant } from './merchant/generate';

const SECRET = 'bench-render-ab-secret-not-for-production';
const ENCRYPTION_KEY = Buffer.alloc(32, 11).toString('base64');

async function cpuOf(url: string, cookie: string, pid: number, n: number): Promise<number> {
  const before = treeCpuSeconds(pid);
  for (let i = 0; i < n; i++) {
    const res = await fetch(url, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    await res.arrayBuffer();
  }
  return ((treeCpuSeconds(pid) - before) * 1000) / n;
}

export async function renderAb() {
  const root = process.cwd();
  const url = process.env.LOAD_DATABASE_URL;
  const dirs = [process.env.AB_A, process.env.AB_B];
  if (!url || !dirs[0] || !dirs[1]) throw new Error('Set LOAD_DATABASE_URL (a generated merchant) and AB_A, AB_B (two builds’ dist folders).');
  const port = Number(process.env.AB_PORT || 3390);
  const rounds = Number(process.env.AB_ROUNDS || 10);
  const n = Number(process.env.AB_REQUESTS || 10);
  process.env.APP_ENCRYPTION_KEY = ENCRYPTION_KEY;

  const handle = await openPostgres(url, 2);
  let names: { saleNumber: string; foSku: string };
  let userId: string;
  let merchant;
  try {
    merchant = await findMerchant(handle.db);
    if (!merchant) throw new Error(`${url} holds no generated merchant.`);
    const [u] = await handle.db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.isAdmin, true)).limit(1);
    if (!u) throw new Error(`${url} has no administrator: run bench/load.ts on it once (it bootstraps).`);
    userId = u.id;
    const sale = await getSale(handle.db, merchant.saleId);
    const page = await listFulfilmentOrders(handle.db, { status: 'Shipped', sort: 'created', dir: 'desc', after: null });
    names = { saleNumber: sale!.number, foSku: page.rows[0].items.split(' × ')[0] };
  } finally {
    await handle.close();
  }

  const servers: ChildProcess[] = [];
  try {
    const bases = dirs.map((_, i) => `http://127.0.0.1:${port + i}`);
    for (let i = 0; i < 2; i++) {
      await assertPortFree(port + i);
      servers.push(startNext(root, port + i, { DATABASE_URL: url, NEXTAUTH_URL: bases[i], NEXTAUTH_SECRET: SECRET, APP_ENCRYPTION_KEY: ENCRYPTION_KEY, NEXT_DIST_DIR: dirs[i]! }));
    }
    for (let i = 0; i < 2; i++) await waitForHealth(bases[i], servers[i]);
    const token = await encode({ token: { sub: userId, uid: userId, email: 'bench@example.com', name: 'Administrator' }, secret: SECRET, maxAge: 3600 });
    const cookie = `next-auth.session-token=${token}`;
    const wanted = process.env.LOAD_SCREENS?.split(',').filter(Boolean);
    const list = screens(merchant, userId, names).filter((s) => !wanted?.length || wanted.some((w) => s.name.includes(w)));

    const rows = [['screen', `A ms/req`, `B ms/req`, 'B/A', 'A KB', 'B KB']];
    for (const s of list) {
      const kb: number[] = [];
      for (let i = 0; i < 2; i++) {
        await cpuOf(bases[i] + s.path, cookie, servers[i].pid!, 5);
        kb.push((await (await fetch(bases[i] + s.path, { headers: { cookie } })).arrayBuffer()).byteLength / 1024);
      }
      const a: number[] = [];
      const b: number[] = [];
      const ratios: number[] = [];
      for (let r = 0; r < rounds; r++) {
        const order = r % 2 ? [1, 0] : [0, 1];
        const got: number[] = [];
        for (const i of order) got[i] = await cpuOf(bases[i] + s.path, cookie, servers[i].pid!, n);
        a.push(got[0]);
        b.push(got[1]);
        ratios.push(got[1] / got[0]);
      }
      rows.push([s.name, percentile(a, 0.5).toFixed(1), percentile(b, 0.5).toFixed(1), percentile(ratios, 0.5).toFixed(2), kb[0].toFixed(0), kb[1].toFixed(0)]);
      console.log(`  ${s.name} done`);
    }
    console.log(`A = ${dirs[0]}, B = ${dirs[1]}; ${rounds} rounds of ${n} requests each.`);
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
  } finally {
    for (const s of servers) await stopChild(s);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  renderAb().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
