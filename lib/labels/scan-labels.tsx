import { View } from '@react-pdf/renderer';
import type { BarcodeSpec } from './barcode';
import { BarcodeView, LabelText, LINE, renderSheetLabels, type PreparedLabel } from './pdf';
import type { Cell, FnskuFormat } from './sheets';

/**
 * A label to scan in the warehouse: a bin's (its scan code; the bin and location names) or a
 * product's (its manufacturer barcode or SKU; the SKU and name). Under the barcode: its text, the
 * heading in bold and larger, then the detail.
 */
export type ScanLabel = { barcode: BarcodeSpec; heading: string; detail: string };

type Prepared = PreparedLabel<ScanLabel>;

function LabelCell({ cell, item }: { cell: Cell; item: Prepared }) {
  // As the FNSKU labels: padding inside the die cut, a quiet zone of 10 modules each side, modules
  // of at most 1.6 pt; the heading (a bin's name, a product's SKU) a size larger to read from afar.
  const pad = Math.min(6, cell.h * 0.08);
  const inner = cell.w - 2 * pad;
  const size = Math.max(5.5, Math.min(8, cell.h / 11));
  const big = size * 1.4;
  const barHeight = Math.min(cell.h * 0.5, cell.h - 2 * pad - (2 * size + big) * LINE - 1);
  const barWidth = Math.min((cell.w * item.image.modules) / (item.image.modules + 20), item.image.modules * 1.6);
  const codeTop = pad + barHeight + 1.5;
  const headingTop = codeTop + size * LINE;
  const detailTop = headingTop + big * LINE;
  return (
    <View style={{ position: 'absolute', left: cell.x, top: cell.y, width: cell.w, height: cell.h }}>
      <BarcodeView image={item.image} x={(cell.w - barWidth) / 2} y={pad} width={barWidth} height={barHeight} />
      <LabelText
        width={cell.w}
        height={cell.h}
        lines={[
          { text: item.label.barcode.text, x: pad, y: codeTop, size, width: inner, align: 'center' },
          { text: item.label.heading, x: pad, y: headingTop, size: big, width: inner, bold: true, align: 'center' },
          { text: item.label.detail, x: pad, y: detailTop, size, width: inner, align: 'center' },
        ]}
      />
    </View>
  );
}

/**
 * Bin or product labels on the product-label stock (30-up Letter, 24-up A4, thermal), in order;
 * `progress` is called every 100 labels prepared. Barcodes are rendered once per value.
 */
export function renderScanLabels(labels: ScanLabel[], format: FnskuFormat, title: string, progress?: (done: number) => Promise<void>): Promise<Buffer> {
  return renderSheetLabels(labels, format, title, LabelCell, progress);
}
