import { Canvas, Document, Image, Page, renderToBuffer } from '@react-pdf/renderer';
import type { ReactElement } from 'react';
import { barcodeCache, type BarcodeImage, type BarcodeSpec } from './barcode';
import { FNSKU_SHEETS, paginate, type Cell, type FnskuFormat } from './sheets';
import { fitText, textWidth } from './text-fit';

// Shared by the label documents: only the PDF standard fonts (no font files, no network).
// A label's text is painted on one Canvas (pdfkit's own text calls at computed positions) instead
// of a <Text> per line: react-pdf's flex and text layout of ~15 nodes per label made 200 box
// labels take 4 s; painted, each label is two nodes (its barcode image and its text).

export const FONT = 'Helvetica';
export const FONT_BOLD = 'Helvetica-Bold';
/** Line height, as a multiple of the font size. */
export const LINE = 1.2;

/** A line of text at (x, y) (its top), cut to `width` with an ellipsis; aligned within `width`. */
export type TextLine = { text: string; x: number; y: number; size: number; width: number; bold?: boolean; align?: 'left' | 'center' | 'right' };
/** A horizontal rule. */
export type Rule = { x: number; y: number; width: number; thickness?: number };

/** A barcode image placed at (x, y) within its label, stretched to the box. */
export function BarcodeView({ image, x, y, width, height }: { image: BarcodeImage; x: number; y: number; width: number; height: number }) {
  // A PDF image, not an HTML <img>: jsx-a11y reads the name only.
  // eslint-disable-next-line jsx-a11y/alt-text
  return <Image src={{ data: image.png, format: 'png' }} style={{ position: 'absolute', left: x, top: y, width, height }} />;
}

/** The text and rules of one label, painted in one pass over the label's box. */
export function LabelText({ width, height, lines, rules = [] }: { width: number; height: number; lines: TextLine[]; rules?: Rule[] }) {
  return (
    <Canvas
      style={{ position: 'absolute', left: 0, top: 0, width, height }}
      paint={(p) => {
        p.fillColor('#000000');
        for (const l of lines) {
          const text = fitText(l.text, l.size, l.width - 0.5, l.bold);
          // Aligned here, from the font's metrics: without a width pdfkit writes the line directly
          // (with one it runs its line wrapper, several times slower).
          const slack = l.width - textWidth(text, l.size, l.bold);
          const x = l.x + (l.align === 'center' ? slack / 2 : l.align === 'right' ? slack : 0);
          // pdfkit's text options are not in react-pdf's painter type.
          p.font(l.bold ? FONT_BOLD : FONT)
            .fontSize(l.size)
            .text(text, x, l.y, { lineBreak: false } as never);
        }
        for (const r of rules) p.rect(r.x, r.y, r.width, r.thickness ?? 1).fill('#000000');
        return null;
      }}
    />
  );
}

export async function toPdf(doc: ReactElement): Promise<Buffer> {
  // renderToBuffer's type wants a <Document>; every caller passes one.
  return Buffer.from(await renderToBuffer(doc as Parameters<typeof renderToBuffer>[0]));
}

/** A label prepared for a sheet: what it says and its barcode, rendered once per value. */
export type PreparedLabel<L> = { label: L; image: BarcodeImage };

/**
 * Labels on the product-label stock (30-up Letter, 24-up A4, or one per page on thermal), in
 * order, the last sheet filled from the top left; each cell drawn by `Cell`. Barcodes are made once
 * per value; `progress` is called every 100 labels prepared.
 */
export async function renderSheetLabels<L extends { barcode: BarcodeSpec }>(
  labels: L[],
  format: FnskuFormat,
  title: string,
  Cell: (props: { cell: Cell; item: PreparedLabel<L> }) => ReactElement,
  progress?: (done: number) => Promise<void>,
): Promise<Buffer> {
  const sheet = FNSKU_SHEETS[format];
  const barcode = barcodeCache();
  const prepared: PreparedLabel<L>[] = [];
  for (const label of labels) {
    prepared.push({ label, image: await barcode(label.barcode) });
    if (progress && prepared.length % 100 === 0) await progress(prepared.length);
  }
  const pages = paginate(prepared, sheet.cells.length);
  return toPdf(
    <Document title={title} creator="FBA Inventory">
      {pages.map((items, p) => (
        <Page key={p} size={{ width: sheet.page[0], height: sheet.page[1] }}>
          {items.map((item, i) => (
            <Cell key={i} cell={sheet.cells[i]} item={item} />
          ))}
        </Page>
      ))}
    </Document>,
  );
}
