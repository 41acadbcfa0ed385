import { View } from '@react-pdf/renderer';
import type { BarcodeSpec } from './barcode';
import { BarcodeView, LabelText, LINE, renderSheetLabels, type PreparedLabel } from './pdf';
import type { Cell, FnskuFormat } from './sheets';

/** One product label: its barcode (FNSKU, or the manufacturer's), a title and the condition. */
export type ProductLabel = { barcode: BarcodeSpec; title: string; condition: string };

type Prepared = PreparedLabel<ProductLabel>;

function LabelCell({ cell, item }: { cell: Cell; item: Prepared }) {
  // Padding keeps the text inside the die cut. The barcode takes the label's whole width less a
  // quiet zone of 10 modules each side (its bars may reach into the padding): a 16-character GCID
  // still gets modules of ≥ 0.8 pt on a 2⅝" label. Modules are at most 1.6 pt (scanners' range).
  const pad = Math.min(6, cell.h * 0.08);
  const inner = cell.w - 2 * pad;
  const size = Math.max(5.5, Math.min(8, cell.h / 11));
  const line = size * LINE;
  const barHeight = Math.min(cell.h * 0.5, cell.h - 2 * pad - line * 3 - 1);
  const barWidth = Math.min((cell.w * item.image.modules) / (item.image.modules + 20), item.image.modules * 1.6);
  const textTop = pad + barHeight + 2;
  return (
    <View style={{ position: 'absolute', left: cell.x, top: cell.y, width: cell.w, height: cell.h }}>
      <BarcodeView image={item.image} x={(cell.w - barWidth) / 2} y={pad} width={barWidth} height={barHeight} />
      <LabelText
        width={cell.w}
        height={cell.h}
        lines={[
          { text: item.label.barcode.text, x: pad, y: textTop, size, width: inner, bold: true, align: 'center' },
          { text: item.label.title, x: pad, y: textTop + line, size, width: inner },
          { text: item.label.condition, x: pad, y: textTop + 2 * line, size, width: inner },
        ]}
      />
    </View>
  );
}

/**
 * Product labels on a sheet (30-up Letter, 24-up A4) or one per page (thermal), in order; the last
 * sheet is filled from the top left. `progress` is called every 100 labels prepared.
 */
export function renderFnskuLabels(labels: ProductLabel[], format: FnskuFormat, progress?: (done: number) => Promise<void>): Promise<Buffer> {
  return renderSheetLabels(labels, format, 'FBA product labels', LabelCell, progress);
}
