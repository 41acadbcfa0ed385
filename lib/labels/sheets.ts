import type { FNSKU_FORMATS } from '@/db/schema';

// Where labels sit on a page, in PDF points (1/72"). Pages are drawn with each label absolutely
// placed, so a sheet's geometry is exactly the label stock's (no flow layout to drift).

export type Cell = { x: number; y: number; w: number; h: number };
export type SheetLayout = { page: [number, number]; cells: Cell[] };

const IN = 72;
const MM = 72 / 25.4;
const LETTER: [number, number] = [8.5 * IN, 11 * IN];
const A4: [number, number] = [210 * MM, 297 * MM];

function grid(page: [number, number], o: { cols: number; rows: number; w: number; h: number; left: number; top: number; gapX?: number; gapY?: number }): SheetLayout {
  const cells: Cell[] = [];
  for (let r = 0; r < o.rows; r += 1)
    for (let c = 0; c < o.cols; c += 1) cells.push({ x: o.left + c * (o.w + (o.gapX ?? 0)), y: o.top + r * (o.h + (o.gapY ?? 0)), w: o.w, h: o.h });
  return { page, cells };
}

/** Sheets of the same size cut into cols × rows equal labels (Amazon's PackageLabel_* pages). */
const split = (page: [number, number], cols: number, rows: number) => grid(page, { cols, rows, w: page[0] / cols, h: page[1] / rows, left: 0, top: 0 });

export type FnskuFormat = (typeof FNSKU_FORMATS)[number];

/** Product label stock: Avery 5160 (30-up Letter, 2⅝" × 1"), 24-up A4 (70 × 37 mm), thermal 2¼" × 1¼". */
export const FNSKU_SHEETS: Record<FnskuFormat, SheetLayout> = {
  'letter-30': grid(LETTER, { cols: 3, rows: 10, w: 2.625 * IN, h: 1 * IN, left: 0.1875 * IN, top: 0.5 * IN, gapX: 0.125 * IN }),
  'a4-24': grid(A4, { cols: 3, rows: 8, w: 70 * MM, h: 37 * MM, left: 0, top: 0.5 * MM }),
  thermal: { page: [2.25 * IN, 1.25 * IN], cells: [{ x: 0, y: 0, w: 2.25 * IN, h: 1.25 * IN }] },
};

export const FNSKU_FORMAT_LABELS: Record<FnskuFormat, string> = {
  'letter-30': '30-up Letter (1" × 2⅝", Avery 5160)',
  'a4-24': '24-up A4 (70 × 37 mm)',
  thermal: 'Thermal (2¼" × 1¼", one per label)',
};

/** Amazon's box label page types (lib/fba/setup-inputs.ts LABEL_PAGE_TYPES). */
export const BOX_SHEETS: Record<string, SheetLayout> = {
  PackageLabel_Letter_2: split(LETTER, 1, 2),
  PackageLabel_Letter_4: split(LETTER, 2, 2),
  PackageLabel_Letter_6: split(LETTER, 2, 3),
  PackageLabel_A4_2: split(A4, 1, 2),
  PackageLabel_A4_4: split(A4, 2, 2),
  PackageLabel_Plain_Paper: split(LETTER, 1, 1),
  PackageLabel_Thermal: { page: [4 * IN, 6 * IN], cells: [{ x: 0, y: 0, w: 4 * IN, h: 6 * IN }] },
};

/** Splits labels into pages of the sheet's cells; the last page may be partly filled. */
export function paginate<T>(labels: T[], perPage: number): T[][] {
  const pages: T[][] = [];
  for (let i = 0; i < labels.length; i += perPage) pages.push(labels.slice(i, i + perPage));
  return pages;
}
