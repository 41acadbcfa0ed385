import { Document, Page, Text, View } from '@react-pdf/renderer';
import { DomainError } from '@/lib/errors';
import { barcodeCache, code128, type BarcodeImage } from './barcode';
import { BarcodeView, FONT, FONT_BOLD, LINE, OneLine, toPdf } from './pdf';
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

function Address({ title, lines, size, width }: { title: string; lines: string[]; size: number; width: number }) {
  return (
    <View style={{ width }}>
      <OneLine size={size * 0.8} bold width={width}>
        {title}
      </OneLine>
      {lines.slice(0, 6).map((l, i) => (
        <OneLine key={i} size={size} width={width}>
          {l}
        </OneLine>
      ))}
    </View>
  );
}

function BoxCell({ cell, label, image }: { cell: Cell; label: BoxLabel; image: BarcodeImage }) {
  // Sizes follow the label: a 4" × 6" thermal label and a half Letter sheet print at ~9–11 pt, a
  // sixth of a sheet smaller. Heights are counted so the contents list stops before the edge.
  const pad = Math.max(10, Math.min(cell.w, cell.h) * 0.05);
  const inner = cell.w - 2 * pad;
  const size = Math.max(6.5, Math.min(11, Math.min(cell.w / 30, cell.h / 26)));
  const line = size * LINE;
  const half = (inner - pad) / 2;
  const shipTo = label.warehouseId ? [`Amazon ${label.warehouseId}`, ...addressLines(label.shipTo)] : addressLines(label.shipTo);
  const shipFrom = addressLines(label.shipFrom);
  const addressHeight = size * 0.8 * LINE + Math.min(6, Math.max(shipFrom.length, shipTo.length)) * line;
  const barHeight = Math.min(cell.h * 0.2, 90);
  const barWidth = Math.min(inner, (cell.w * image.modules) / (image.modules + 20), image.modules * 2);
  const fixed = addressHeight + 6 + barHeight + 2 + size * 1.3 * LINE + 4 + line * 2 + 4 + size * 0.8 * LINE;
  const room = Math.max(0, Math.floor((cell.h - 2 * pad - fixed) / line));
  const shown = label.contents.length > room ? label.contents.slice(0, Math.max(0, room - 1)) : label.contents;
  const more = label.contents.length - shown.length;
  return (
    <View style={{ position: 'absolute', left: cell.x, top: cell.y, width: cell.w, height: cell.h, padding: pad }}>
      <View style={{ flexDirection: 'row', justifyContent: 'space-between', height: addressHeight, marginBottom: 6 }}>
        <Address title="SHIP FROM" lines={shipFrom} size={size} width={half} />
        <Address title="SHIP TO" lines={shipTo} size={size} width={half} />
      </View>
      <View style={{ alignItems: 'center' }}>
        <BarcodeView image={image} width={barWidth} height={barHeight} />
        <Text style={{ fontFamily: FONT_BOLD, fontSize: size * 1.3, lineHeight: LINE, marginTop: 2 }}>{label.boxId}</Text>
      </View>
      <View style={{ flexDirection: 'row', justifyContent: 'space-between', marginTop: 4, borderTopWidth: 1, borderTopColor: '#000', paddingTop: 2 }}>
        <OneLine size={size} bold width={inner * 0.6}>
          {`Shipment ${label.shipmentId}`}
        </OneLine>
        <OneLine size={size} bold width={inner * 0.4} align="right">
          {`Box ${label.boxNo} of ${label.boxCount}`}
        </OneLine>
      </View>
      <View style={{ marginTop: 4 }}>
        <OneLine size={size * 0.8} bold width={inner}>
          CONTENTS (SKU × QTY)
        </OneLine>
        {shown.map((c, i) => (
          <OneLine key={i} size={size} width={inner}>
            {`${c.sku} × ${c.quantity}`}
          </OneLine>
        ))}
        {more > 0 && <Text style={{ fontFamily: FONT, fontSize: size, lineHeight: LINE }}>{`… and ${more} more SKU${more === 1 ? '' : 's'}`}</Text>}
      </View>
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
