import { Document, Page, View } from '@react-pdf/renderer';
import { DomainError } from '@/lib/errors';
import { barcodeCache, code128, type BarcodeImage } from './barcode';
import { BarcodeView, LabelText, LINE, toPdf, type TextLine } from './pdf';
import { BOX_SHEETS, paginate, type Cell } from './sheets';

/** An address as stored (inbound_shipments.ship_from, inbound_amazon_shipments.destination). */
export type LabelAddress = Record<string, string | null | undefined>;

/** One box's label: Amazon's box id, the shipment it travels in, where from and to, n of m, what is inside. */
export type BoxLabel = {
  boxId: string;
  shipmentId: string;
  boxNo: number;
  boxCount: number;
  shipFrom: LabelAddress;
  shipTo: LabelAddress;
  warehouseId: string | null;
  contents: { sku: string; quantity: number }[];
};

/** Address lines as a carrier reads them: name, street, city state postal code, country. */
export function addressLines(a: LabelAddress): string[] {
  const cityLine = [a.city, [a.stateOrProvinceCode, a.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return [a.name, a.companyName, a.addressLine1, a.addressLine2, cityLine, a.countryCode].filter((l): l is string => !!l && l.trim() !== '');
}

function BoxCell({ cell, label, image }: { cell: Cell; label: BoxLabel; image: BarcodeImage }) {
  // Sizes follow the label: a 4" × 6" thermal label and a half Letter sheet print at ~9–11 pt, a
  // sixth of a sheet smaller. Every line has its place, so the contents list stops before the edge.
  const pad = Math.max(10, Math.min(cell.w, cell.h) * 0.05);
  const inner = cell.w - 2 * pad;
  const size = Math.max(6.5, Math.min(11, Math.min(cell.w / 30, cell.h / 26)));
  const small = size * 0.8;
  const line = size * LINE;
  const half = (inner - pad) / 2;
  const shipTo = (label.warehouseId ? [`Amazon ${label.warehouseId}`, ...addressLines(label.shipTo)] : addressLines(label.shipTo)).slice(0, 6);
  const shipFrom = addressLines(label.shipFrom).slice(0, 6);
  const lines: TextLine[] = [
    { text: 'SHIP FROM', x: pad, y: pad, size: small, width: half, bold: true },
    { text: 'SHIP TO', x: pad + half + pad, y: pad, size: small, width: half, bold: true },
    ...shipFrom.map((text, i) => ({ text, x: pad, y: pad + small * LINE + i * line, size, width: half })),
    ...shipTo.map((text, i) => ({ text, x: pad + half + pad, y: pad + small * LINE + i * line, size, width: half })),
  ];
  let y = pad + small * LINE + Math.max(shipFrom.length, shipTo.length) * line + 6;
  const barHeight = Math.min(cell.h * 0.2, 90);
  const barWidth = Math.min(inner, (cell.w * image.modules) / (image.modules + 20), image.modules * 2);
  const barTop = y;
  y += barHeight + 2;
  const big = size * 1.3;
  lines.push({ text: label.boxId, x: pad, y, size: big, width: inner, bold: true, align: 'center' });
  y += big * LINE + 3;
  const rule = { x: pad, y, width: inner };
  y += 3;
  lines.push({ text: `Shipment ${label.shipmentId}`, x: pad, y, size, width: inner * 0.6, bold: true });
  lines.push({ text: `Box ${label.boxNo} of ${label.boxCount}`, x: pad + inner * 0.6, y, size, width: inner * 0.4, bold: true, align: 'right' });
  y += line + 3;
  lines.push({ text: 'CONTENTS (SKU × QTY)', x: pad, y, size: small, width: inner, bold: true });
  y += small * LINE;
  const room = Math.max(0, Math.floor((cell.h - pad - y) / line));
  const shown = label.contents.length > room ? label.contents.slice(0, Math.max(0, room - 1)) : label.contents;
  const more = label.contents.length - shown.length;
  for (const c of shown) {
    lines.push({ text: `${c.sku} × ${c.quantity}`, x: pad, y, size, width: inner });
    y += line;
  }
  if (more > 0) lines.push({ text: `… and ${more} more SKU${more === 1 ? '' : 's'}`, x: pad, y, size, width: inner });
  return (
    <View style={{ position: 'absolute', left: cell.x, top: cell.y, width: cell.w, height: cell.h }}>
      <BarcodeView image={image} x={(cell.w - barWidth) / 2} y={barTop} width={barWidth} height={barHeight} />
      <LabelText width={cell.w} height={cell.h} lines={lines} rules={[rule]} />
    </View>
  );
}

/** Box labels in one of Amazon's page types, one per box, in the order given. */
export async function renderBoxLabels(labels: BoxLabel[], pageType: string, progress?: (done: number) => Promise<void>): Promise<Buffer> {
  const sheet = BOX_SHEETS[pageType];
  if (!sheet) throw new DomainError('INVALID_INPUT', `Unknown label page type ${pageType}.`);
  const barcode = barcodeCache();
  const prepared: { label: BoxLabel; image: BarcodeImage }[] = [];
  for (const label of labels) {
    prepared.push({ label, image: await barcode(code128(label.boxId)) });
    if (progress && prepared.length % 100 === 0) await progress(prepared.length);
  }
  return toPdf(
    <Document title="FBA box labels" creator="FBA Inventory">
      {paginate(prepared, sheet.cells.length).map((items, p) => (
        <Page key={p} size={{ width: sheet.page[0], height: sheet.page[1] }}>
          {items.map((item, i) => (
            <BoxCell key={i} cell={sheet.cells[i]} label={item.label} image={item.image} />
          ))}
        </Page>
      ))}
    </Document>,
  );
}
