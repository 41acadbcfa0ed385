import { Font, Image, renderToBuffer, Text } from '@react-pdf/renderer';
import type { ReactElement } from 'react';
import type { BarcodeImage } from './barcode';
import { fitText } from './text-fit';

// Shared by the label documents: only the PDF standard fonts (no font files, no network), and
// words never hyphenated (an FNSKU or SKU split across lines would be misread).
Font.registerHyphenationCallback((word) => [word]);

export const FONT = 'Helvetica';
export const FONT_BOLD = 'Helvetica-Bold';

/** A barcode image stretched to the given box; one module is never narrower than the image allows. */
export function BarcodeView({ image, width, height }: { image: BarcodeImage; width: number; height: number }) {
  // A PDF image, not an HTML <img>: jsx-a11y reads the name only.
  // eslint-disable-next-line jsx-a11y/alt-text
  return <Image src={{ data: image.png, format: 'png' }} style={{ width, height }} />;
}

/** One line of text, cut to the width with an ellipsis (measured with the font's metrics). */
export function OneLine({ children, size, bold, width, align = 'left' }: { children: string; size: number; bold?: boolean; width: number; align?: 'left' | 'center' | 'right' }) {
  return <Text style={{ fontFamily: bold ? FONT_BOLD : FONT, fontSize: size, lineHeight: LINE, width, textAlign: align }}>{fitText(children, size, width - 0.5, bold)}</Text>;
}

/** Line height, as a multiple of the font size. */
export const LINE = 1.2;

export async function toPdf(doc: ReactElement): Promise<Buffer> {
  // renderToBuffer's type wants a <Document>; every caller passes one.
  return Buffer.from(await renderToBuffer(doc as Parameters<typeof renderToBuffer>[0]));
}
