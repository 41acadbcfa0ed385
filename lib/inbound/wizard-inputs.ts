import { z } from 'zod';
import { DIMENSION_UNITS, FNSKU_FORMATS, LABEL_OWNERS, PREP_OWNERS, WEIGHT_UNITS } from '@/db/schema';
import { readHeader, readLines } from '@/lib/stock/line-form';
import { parsePlace } from '@/lib/stock/places';
import { Id } from '@/lib/validation/id';
import { checkCell, measureText, quantityText } from '@/lib/validation/numbers';

// The wizard's forms. Lines and boxes travel as indexed cells (`sku.3`, `length.2`, `qty.2.1`) so a
// message lands beside the cell it is about.

export const INBOUND_LINE_FIELDS = ['sku', 'quantity', 'labelOwner', 'prepOwner'] as const;
const Quantity = quantityText({ sign: 'positive', message: 'Enter a whole number above 0.', max: 500_000 });
const BoxQuantity = quantityText({ sign: 'nonNegative', message: 'Enter a whole number (0 or more).', max: 500_000 });
const Dimension = measureText({ scale: 2, max: '999999.99', message: 'Enter a size above 0, like 16 or 16.5.' });
const Weight = measureText({ scale: 2, max: '999999.99', message: 'Enter a weight above 0, like 14 or 14.25.' });

export const NewInboundInput = z
  .object({
    connectionId: Id,
    from: z.string(),
    lines: z.array(z.object({ index: z.number().int(), sku: z.string(), quantity: z.string(), labelOwner: z.string(), prepOwner: z.string() })).max(2000, 'At most 2,000 products per shipment.'),
  })
  .superRefine((v, ctx) => {
    const bad = (path: string, message: string) => ctx.addIssue({ code: 'custom', message, path: [path] });
    if (!parsePlace(v.from)) bad('from', 'Choose where the goods leave from.');
    if (v.lines.length === 0) bad('sku.0', 'Add at least one product.');
    for (const l of v.lines) {
      if (!l.sku) bad(`sku.${l.index}`, 'Enter a SKU.');
      checkCell(ctx, Quantity, l.quantity, `quantity.${l.index}`);
      if (!(LABEL_OWNERS as readonly string[]).includes(l.labelOwner)) bad(`labelOwner.${l.index}`, 'Choose who labels the units.');
      if (!(PREP_OWNERS as readonly string[]).includes(l.prepOwner)) bad(`prepOwner.${l.index}`, 'Choose who preps the units.');
    }
  })
  .transform((v) => ({
    connectionId: v.connectionId,
    from: parsePlace(v.from)!,
    lines: v.lines.map((l) => ({
      index: l.index,
      sku: l.sku,
      quantity: Quantity.parse(l.quantity),
      labelOwner: l.labelOwner as (typeof LABEL_OWNERS)[number],
      prepOwner: l.prepOwner as (typeof PREP_OWNERS)[number],
    })),
  }));
export type NewInboundInput = z.infer<typeof NewInboundInput>;

export function parseNewInboundForm(form: FormData) {
  const h = readHeader(form);
  return { connectionId: h.connectionId ?? '', from: h.from ?? '', lines: readLines(form, INBOUND_LINE_FIELDS, ['labelOwner', 'prepOwner']) };
}

const RawBox = z.object({ index: z.number().int(), length: z.string(), width: z.string(), height: z.string(), weight: z.string(), items: z.array(z.object({ lineNo: z.number().int(), quantity: z.string() })) });

export const BoxesInput = z
  .object({
    id: Id,
    dimensionUnit: z.enum(DIMENSION_UNITS, { message: 'Choose inches or centimetres.' }),
    weightUnit: z.enum(WEIGHT_UNITS, { message: 'Choose pounds or kilograms.' }),
    boxes: z.array(RawBox).max(5000, 'At most 5,000 boxes per shipment.'),
  })
  .superRefine((v, ctx) => {
    if (v.boxes.length === 0) ctx.addIssue({ code: 'custom', message: 'Add at least one box.', path: ['box.0'] });
    for (const b of v.boxes) {
      for (const k of ['length', 'width', 'height'] as const) checkCell(ctx, Dimension, b[k], `${k}.${b.index}`);
      checkCell(ctx, Weight, b.weight, `weight.${b.index}`);
      for (const i of b.items) checkCell(ctx, BoxQuantity, i.quantity, `qty.${b.index}.${i.lineNo}`);
    }
  })
  .transform((v) => ({
    id: v.id,
    boxes: v.boxes.map((b) => ({
      index: b.index,
      length: Dimension.parse(b.length),
      width: Dimension.parse(b.width),
      height: Dimension.parse(b.height),
      weight: Weight.parse(b.weight),
      dimensionUnit: v.dimensionUnit,
      weightUnit: v.weightUnit,
      items: b.items.map((i) => ({ lineNo: i.lineNo, quantity: BoxQuantity.parse(i.quantity) })).filter((i) => i.quantity > 0),
    })),
  }));
export type BoxesInput = z.infer<typeof BoxesInput>;

/** Boxes as the form sends them: `length.<box>`, `width.<box>`, `height.<box>`, `weight.<box>`, `qty.<box>.<lineNo>`; a box whose cells are all blank is dropped. */
export function parseBoxesForm(form: FormData) {
  const h = readHeader(form);
  const boxes = new Map<number, z.infer<typeof RawBox>>();
  const box = (index: number) => boxes.get(index) ?? boxes.set(index, { index, length: '', width: '', height: '', weight: '', items: [] }).get(index)!;
  for (const [key, value] of form.entries()) {
    if (typeof value !== 'string') continue;
    const cell = /^(length|width|height|weight)\.(\d{1,4})$/.exec(key);
    if (cell) box(Number(cell[2]))[cell[1] as 'length'] = value.trim();
    const qty = /^qty\.(\d{1,4})\.(\d{1,4})$/.exec(key);
    if (qty && value.trim() !== '') box(Number(qty[1])).items.push({ lineNo: Number(qty[2]), quantity: value.trim() });
  }
  const list = [...boxes.values()].filter((b) => b.length || b.width || b.height || b.weight || b.items.length).sort((a, b) => a.index - b.index);
  return { id: h.id ?? '', dimensionUnit: h.dimensionUnit ?? '', weightUnit: h.weightUnit ?? '', boxes: list };
}

export const PackingInput = z.object({ id: Id, packingOptionId: z.string({ message: 'Choose a packing option.' }).min(1, 'Choose a packing option.').max(200) });
export const PlacementInput = z.object({ id: Id, placementOptionId: z.string({ message: 'Choose a placement option.' }).min(1, 'Choose a placement option.').max(200) });
export const TransportDateInput = z.object({
  id: Id,
  readyToShipOn: z.iso.date({ message: 'Enter the day the goods are ready to ship.' }),
});
export const IdInput = z.object({ id: Id });
export const BackInput = z.object({ id: Id, to: z.enum(['boxes', 'transport']) });

/** Per Amazon shipment (our row id) the option chosen: radio groups named `transport.<row id>` / `window.<row id>`. */
export function parseSelections(form: FormData, prefix: 'transport' | 'window') {
  const h = readHeader(form);
  const selections: { shipmentId: string; optionId: string }[] = [];
  for (const [key, value] of form.entries()) {
    const m = new RegExp(`^${prefix}\\.([0-9a-f-]{36})$`).exec(key);
    if (m && typeof value === 'string') selections.push({ shipmentId: m[1], optionId: value });
  }
  return { id: h.id ?? '', selections };
}
export const SelectionsInput = z.object({ id: Id, selections: z.array(z.object({ shipmentId: Id, optionId: z.string().min(1).max(200) })).max(500) });

/** Tracking numbers per box of one Amazon shipment: inputs named `tracking.<box row id>`. */
export function parseTrackingForm(form: FormData) {
  const h = readHeader(form);
  const tracking: { boxId: string; trackingId: string }[] = [];
  for (const [key, value] of form.entries()) {
    const m = /^tracking\.([0-9a-f-]{36})$/.exec(key);
    if (m && typeof value === 'string') tracking.push({ boxId: m[1], trackingId: value.trim() });
  }
  return { id: h.id ?? '', shipmentId: h.shipmentId ?? '', tracking };
}
export const TrackingInput = z.object({
  id: Id,
  shipmentId: Id,
  tracking: z.array(z.object({ boxId: Id, trackingId: z.string().max(64, 'At most 64 characters (Amazon’s limit).') })).max(5000),
});
export const ShipmentLabelsInput = z.object({ id: Id, format: z.enum(FNSKU_FORMATS, 'Choose a label format.') });
