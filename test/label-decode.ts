import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const DPI = 200;

/** A label's place on a page, in PDF points (lib/labels/sheets.ts Cell). */
export type LabelCell = { x: number; y: number; w: number; h: number };

/** Where a test's rendered pages are copied when LABEL_PNG_DIR is set (to look at them). */
const KEEP = process.env.LABEL_PNG_DIR;

function parsePgm(bytes: Buffer) {
  // Binary PGM (P5): "P5\n<w> <h>\n<max>\n" then one byte per pixel.
  const header = bytes.subarray(0, 64).toString('latin1').match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/);
  if (!header) throw new Error('pdftoppm did not write a binary PGM');
  return { width: Number(header[1]), height: Number(header[2]), pixels: bytes.subarray(header[0].length) };
}

function cropPgm(page: ReturnType<typeof parsePgm>, cell: LabelCell): Buffer {
  const s = DPI / 72;
  const x0 = Math.max(0, Math.floor(cell.x * s));
  const y0 = Math.max(0, Math.floor(cell.y * s));
  const w = Math.min(page.width - x0, Math.ceil(cell.w * s));
  const h = Math.min(page.height - y0, Math.ceil(cell.h * s));
  const out = Buffer.alloc(w * h);
  for (let y = 0; y < h; y += 1) page.pixels.copy(out, y * w, (y0 + y) * page.width + x0, (y0 + y) * page.width + x0 + w);
  return Buffer.concat([Buffer.from(`P5\n${w} ${h}\n255\n`, 'latin1'), out]);
}

/**
 * Reads a label PDF as a scanner would: renders each page at 200 dpi (pdftoppm), cuts it into its
 * labels (the sheet's cells) and decodes each label's barcodes (zbarimg). zbar reports one symbol
 * per distinct value in an image, so a sheet of identical FNSKUs is only countable label by label.
 * Returns, per label in page order, the values decoded there.
 */
export async function decodeLabels(pdf: Buffer, cells: LabelCell[], name = 'labels'): Promise<{ perLabel: string[][]; pages: number }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'labels-'));
  try {
    const file = path.join(dir, `${name}.pdf`);
    await writeFile(file, pdf);
    await run('pdftoppm', ['-r', String(DPI), '-gray', file, path.join(dir, 'page')]);
    const pages = (await readdir(dir)).filter((f) => f.endsWith('.pgm')).sort();
    const crops: string[] = [];
    for (const [p, pgm] of pages.entries()) {
      const page = parsePgm(await readFile(path.join(dir, pgm)));
      for (const [c, cell] of cells.entries()) {
        const crop = path.join(dir, `label-${String(p + 1).padStart(4, '0')}-${String(c + 1).padStart(3, '0')}.pgm`);
        await writeFile(crop, cropPgm(page, cell));
        crops.push(crop);
      }
    }
    const perLabel = new Map<string, string[]>(crops.map((c) => [c, []]));
    // zbarimg exits 4 when some image has no barcode (an empty cell of the last sheet).
    for (let i = 0; i < crops.length; i += 200) {
      const batch = crops.slice(i, i + 200);
      const { stdout } = await run('zbarimg', ['--xml', '-q', '-Supca.enable', ...batch], { maxBuffer: 64 << 20 }).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }));
      for (const source of stdout.split('<source href=').slice(1)) {
        const href = source.match(/^'([^']*)'/)?.[1] ?? '';
        const values = [...source.matchAll(/<data(?: format='[^']*')?><!\[CDATA\[([\s\S]*?)\]\]><\/data>/g)].map((m) => m[1]);
        perLabel.get(href)?.push(...values);
      }
    }
    if (KEEP) {
      await mkdir(KEEP, { recursive: true });
      await run('pdftoppm', ['-r', String(DPI), '-png', file, path.join(KEEP, name)]);
      await cp(file, path.join(KEEP, `${name}.pdf`));
    }
    return { perLabel: [...perLabel.values()], pages: pages.length };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The decoded values of the first `count` labels (one each), checking that no other cell holds a
 * barcode: what a label test compares with the values it printed, in order.
 */
export async function decodeLabelValues(pdf: Buffer, cells: LabelCell[], name?: string) {
  const { perLabel, pages } = await decodeLabels(pdf, cells, name);
  const filled = perLabel.filter((v) => v.length > 0);
  return { values: perLabel.map((v) => v.join('+')).filter(Boolean), decoded: filled.reduce((n, v) => n + v.length, 0), pages };
}
