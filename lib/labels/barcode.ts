import bwipjs from 'bwip-js/node';
import type { BARCODE_TYPES } from '@/db/schema';
import { DomainError } from '@/lib/errors';

export type BarcodeType = (typeof BARCODE_TYPES)[number];

/** What a label prints: the symbology, the encoded value, and the digits/text shown under it. */
export type BarcodeSpec = { symbology: 'code128' | 'upca' | 'ean13' | 'ean8'; value: string; text: string };

/** A rendered barcode: a PNG with one pixel per module (bars only, no text) and its size in modules. */
export type BarcodeImage = { png: Buffer; modules: number; rows: number };

const digitsOnly = (v: string) => v.replace(/[\s-]/g, '');

/** GS1 check digit of the digits before it (UPC-A, EAN-13, ISBN-13). */
export function gs1CheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) sum += Number(body[body.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return (10 - (sum % 10)) % 10;
}

function gs1(value: string, length: 8 | 12 | 13, what: string): string {
  const d = digitsOnly(value);
  if (!/^\d+$/.test(d) || (d.length !== length && d.length !== length - 1)) throw new DomainError('INVALID_INPUT', `The ${what} ${value} must have ${length} digits.`);
  const body = d.slice(0, length - 1);
  const check = gs1CheckDigit(body);
  if (d.length === length && Number(d[length - 1]) !== check) throw new DomainError('INVALID_INPUT', `The ${what} ${value} has a wrong check digit.`);
  return `${body}${check}`;
}

/** ISBN-10 (with its mod-11 check) becomes the Bookland EAN-13 (978 prefix); ISBN-13 is an EAN-13. */
function isbnToEan(value: string): string {
  const d = digitsOnly(value).toUpperCase();
  if (/^\d{9}[\dX]$/.test(d)) return gs1(`978${d.slice(0, 9)}`, 13, 'ISBN');
  return gs1(d, 13, 'ISBN');
}

/**
 * The manufacturer barcode a product's labels carry, by its barcode type: UPC → UPC-A, EAN and JAN →
 * EAN-13 (EAN-8 for 8 digits), ISBN → its EAN-13 (Bookland), GCID (and an unknown type) → Code 128.
 */
export function manufacturerBarcode(barcode: string, type: BarcodeType | null): BarcodeSpec {
  switch (type) {
    case 'UPC': {
      const v = gs1(barcode, 12, 'UPC');
      return { symbology: 'upca', value: v, text: v };
    }
    case 'EAN':
    case 'JAN': {
      if (digitsOnly(barcode).length === 8) {
        const v = gs1(barcode, 8, type);
        return { symbology: 'ean8', value: v, text: v };
      }
      const v = gs1(barcode, 13, type);
      return { symbology: 'ean13', value: v, text: v };
    }
    case 'ISBN': {
      const v = isbnToEan(barcode);
      return { symbology: 'ean13', value: v, text: v };
    }
    default:
      return code128(barcode.trim());
  }
}

/** Code 128 of an FNSKU or an FBA box id (printable ASCII). */
export function code128(value: string): BarcodeSpec {
  if (!/^[\x20-\x7e]{1,80}$/.test(value)) throw new DomainError('INVALID_INPUT', `${value} cannot be printed as a Code 128 barcode.`);
  return { symbology: 'code128', value, text: value };
}

/** Renders a barcode: one pixel per module, white background, bars only (the label prints the text). */
export async function renderBarcode(spec: BarcodeSpec): Promise<BarcodeImage> {
  const png = await bwipjs.toBuffer({
    bcid: spec.symbology,
    text: spec.value,
    scale: 1,
    // bwip-js heights are in millimetres at 72 dpi; the label stretches the image to its own height.
    height: 4,
    includetext: false,
    backgroundcolor: 'FFFFFF',
    paddingwidth: 0,
    paddingheight: 0,
  });
  // PNG IHDR: width at byte 16, height at byte 20.
  return { png, modules: png.readUInt32BE(16), rows: png.readUInt32BE(20) };
}

/**
 * Barcodes of one document, rendered once per value: 3,000 product labels usually repeat a few
 * FNSKUs, and a box id appears once.
 */
export function barcodeCache() {
  const cache = new Map<string, Promise<BarcodeImage>>();
  return (spec: BarcodeSpec): Promise<BarcodeImage> => {
    const key = `${spec.symbology}:${spec.value}`;
    let hit = cache.get(key);
    if (!hit) {
      hit = renderBarcode(spec);
      cache.set(key, hit);
    }
    return hit;
  };
}
