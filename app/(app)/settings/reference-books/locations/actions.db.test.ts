import { beforeAll, describe, expect, it, vi } from 'vitest';
import { PERMISSION } from '@/lib/auth/permissions';
import { binScanCode } from '@/lib/labels/bin-code';
import { drainLabelDocuments, getLabelPdf, listLabelDocuments } from '@/lib/labels/documents';
import { FNSKU_SHEETS } from '@/lib/labels/sheets';
import { createTestDb } from '@/test/db';
import { formOfEntries } from '@/test/forms';
import { makeBin, makeLocation, makeUser } from '@/test/fixtures';
import { decodeLabelValues } from '@/test/label-decode';
import { signInAs, testSession } from '@/test/session';
import { printBinLabelsAction } from './actions';

// Locations and Bins → Print bin labels as the browser sends it.
vi.mock('@/lib/auth/session', () => import('@/test/session').then((m) => m.sessionModule()));
vi.mock('@/db', () => import('@/test/session').then((m) => m.dbModule()));
vi.mock('next/cache', () => import('@/test/next').then((m) => m.nextCache()));
vi.mock('next/navigation', (original) => import('@/test/next').then((m) => m.nextNavigation(original)));

beforeAll(async () => {
  testSession.db = (await createTestDb()).db;
  // The document names who asked for it: a real users row.
  signInAs([], (await makeUser(testSession.db)).id);
});

const idle = { status: 'idle' } as const;
const form = formOfEntries;

describe('Print bin labels', () => {
  it('refuses a user without Reference Books', async () => {
    signInAs([PERMISSION.products, PERMISSION.stocktake]);
    expect(await printBinLabelsAction(idle, form([['locationId', crypto.randomUUID()], ['format', 'thermal'], ['binId', crypto.randomUUID()]]))).toMatchObject({ status: 'error', message: 'Not allowed: you need the Reference Books permission.' });
  });

  it('the chosen bins, copies of each; the PDF decodes to their scan codes', async () => {
    signInAs([PERMISSION.referenceBooks]);
    const loc = await makeLocation(testSession.db!);
    const a = await makeBin(testSession.db!, loc.id, 'A-1');
    await makeBin(testSession.db!, loc.id, 'B-1');
    const c = await makeBin(testSession.db!, loc.id, 'C-1');
    const res = await printBinLabelsAction(idle, form([['locationId', loc.id], ['format', 'a4-24'], ['binId', c.id], ['binId', a.id], ['copies', '2']]));
    expect(res, JSON.stringify(res)).toMatchObject({ status: 'ok', data: { total: 4 } });
    const [doc] = await listLabelDocuments(testSession.db!, { locationId: loc.id });
    await drainLabelDocuments(testSession.db!);
    const { values } = await decodeLabelValues((await getLabelPdf(testSession.db!, doc.id))!.pdf, FNSKU_SHEETS['a4-24'].cells, 'action-bins');
    expect(values).toEqual([binScanCode(a), binScanCode(a), binScanCode(c), binScanCode(c)]);
  });

  it('no bin chosen, bad copies, a bin of another location: refused with the reason', async () => {
    signInAs([PERMISSION.referenceBooks]);
    const loc = await makeLocation(testSession.db!);
    await makeBin(testSession.db!, loc.id, 'Z');
    const other = await makeBin(testSession.db!, (await makeLocation(testSession.db!)).id, 'Y');
    expect(await printBinLabelsAction(idle, form([['locationId', loc.id], ['format', 'thermal']]))).toMatchObject({ status: 'error', fieldErrors: { binId: ['Choose at least one bin to print.'] } });
    expect(await printBinLabelsAction(idle, form([['locationId', loc.id], ['format', 'thermal'], ['binId', other.id], ['copies', '0']]))).toMatchObject({ status: 'error', fieldErrors: { copies: [expect.stringContaining('1 to 100')] } });
    expect(await printBinLabelsAction(idle, form([['locationId', loc.id], ['format', 'thermal'], ['binId', other.id]]))).toMatchObject({ status: 'error', message: `A chosen bin is no longer in ${loc.name}; choose the bins again.` });
  });
});
