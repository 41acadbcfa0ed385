import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AdjustmentInput, parseAdjustmentForm } from './adjustment-inputs';
import { parsePlace } from './places';
import { parseTransferForm, TransferInput } from './transfer-inputs';
import { CountsInput, parseCountsForm } from '@/lib/stocktake/inputs';

const L = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

function form(values: Record<string, string>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  return f;
}

const errorsOf = (r: { success: boolean; error?: z.ZodError }) => (r.success ? {} : z.flattenError(r.error!).fieldErrors);

describe('line forms', () => {
  it('parses adjustment lines, skipping blank rows and keeping indexes', () => {
    const r = AdjustmentInput.safeParse(
      parseAdjustmentForm(form({ reason: 'Count', 'sku.0': 'A', 'place.0': `${L}/${B}`, 'quantity.0': '+5', 'unitCost.0': '1.25', 'sku.1': '', 'place.1': L, 'quantity.1': '', 'unitCost.1': '', 'sku.2': 'B', 'place.2': L, 'quantity.2': '-2', 'unitCost.2': '' })),
    );
    expect(r.success && r.data).toEqual({
      reason: 'Count',
      lines: [
        { index: 0, sku: 'A', locationId: L, binId: B, quantity: 5, unitCost: 12_500 },
        { index: 2, sku: 'B', locationId: L, binId: null, quantity: -2, unitCost: null },
      ],
    });
  });

  it('reports every bad cell at once, keyed by its input', () => {
    const r = AdjustmentInput.safeParse(parseAdjustmentForm(form({ reason: '', 'sku.0': '', 'place.0': 'x', 'quantity.0': '2', 'unitCost.0': '', 'sku.1': 'B', 'place.1': L, 'quantity.1': '1.5', 'unitCost.1': '1.23456' })));
    expect(Object.keys(errorsOf(r)).sort()).toEqual(['place.0', 'quantity.1', 'reason', 'sku.0', 'unitCost.0', 'unitCost.1']);
    expect(errorsOf(AdjustmentInput.safeParse(parseAdjustmentForm(form({ reason: 'x', 'place.0': L }))))).toEqual({ 'sku.0': ['Add at least one line.'] });
  });

  it('parses transfers and refuses the same place or a zero quantity', () => {
    const ok = TransferInput.safeParse(parseTransferForm(form({ from: L, to: `${L}/${B}`, 'sku.0': 'A', 'quantity.0': '3' })));
    expect(ok.success && ok.data).toEqual({ from: { locationId: L, binId: null }, to: { locationId: L, binId: B }, note: null, lines: [{ index: 0, sku: 'A', quantity: 3 }] });
    const bad = TransferInput.safeParse(parseTransferForm(form({ from: L, to: L, 'sku.0': 'A', 'quantity.0': '0' })));
    expect(Object.keys(errorsOf(bad)).sort()).toEqual(['quantity.0', 'to']);
  });

  it('parses stocktake counts per line id', () => {
    const id = '33333333-3333-4333-8333-333333333333';
    const r = CountsInput.safeParse(parseCountsForm(form({ id, intent: 'complete', [`counted.${L}`]: '4', [`unitCost.${L}`]: '', [`counted.${B}`]: '', [`unitCost.${B}`]: '2.5' })));
    expect(r.success && r.data).toEqual({
      id,
      intent: 'complete',
      lines: [
        { lineId: L, counted: 4, unitCost: null },
        { lineId: B, counted: null, unitCost: 25_000 },
      ],
    });
    expect(errorsOf(CountsInput.safeParse(parseCountsForm(form({ id, [`counted.${L}`]: '-1' }))))).toEqual({ [`counted.${L}`]: ['Enter a whole number, 0 or more.'] });
  });

  it('refuses quantities and costs the database cannot hold, naming the limit at the cell (issue 7, item 2)', () => {
    const adj = errorsOf(
      AdjustmentInput.safeParse(
        parseAdjustmentForm(form({ reason: 'Big', 'sku.0': 'A', 'place.0': L, 'quantity.0': '1000000000', 'unitCost.0': '1', 'sku.1': 'A', 'place.1': L, 'quantity.1': '-99999999999999999999', 'sku.2': 'A', 'place.2': L, 'quantity.2': '999999999', 'unitCost.2': '123456789012' })),
      ),
    );
    expect(adj).toEqual({ 'quantity.0': ['At most 999,999,999.'], 'quantity.1': ['At least -999,999,999.'], 'unitCost.2': ['A unit cost is at most 99,999,999,999.9999.'] });
    const tr = errorsOf(TransferInput.safeParse(parseTransferForm(form({ from: L, to: `${L}/${B}`, 'sku.0': 'A', 'quantity.0': '2147483648' }))));
    expect(tr).toEqual({ 'quantity.0': ['At most 999,999,999.'] });
    const id = '33333333-3333-4333-8333-333333333333';
    const counts = errorsOf(CountsInput.safeParse(parseCountsForm(form({ id, [`counted.${L}`]: '3000000000', [`unitCost.${L}`]: '100000000000.5' }))));
    expect(counts).toEqual({ [`counted.${L}`]: ['At most 999,999,999.'], [`unitCost.${L}`]: ['A unit cost is at most 99,999,999,999.9999.'] });
    const ok = AdjustmentInput.safeParse(parseAdjustmentForm(form({ reason: 'Max', 'sku.0': 'A', 'place.0': L, 'quantity.0': '999999999', 'unitCost.0': '99999999999.9999' })));
    expect(ok.success && ok.data.lines[0]).toMatchObject({ quantity: 999_999_999, unitCost: 999_999_999_999_999 });
  });

  it('parses places', () => {
    expect(parsePlace(`${L}/${B}`)).toEqual({ locationId: L, binId: B });
    expect(parsePlace(L)).toEqual({ locationId: L, binId: null });
    expect(parsePlace(`${L}/x`)).toBeNull();
    expect(parsePlace('')).toBeNull();
  });
});
