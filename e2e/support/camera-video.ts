import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { renderScanLabels, type ScanLabel } from '@/lib/labels/scan-labels';

const run = promisify(execFile);
const W = 640;
const H = 480;

/**
 * A video for Chromium's fake camera (`--use-file-for-fake-video-capture`): one Y4M frame, 640×480,
 * of a printed label as the phone's camera would see it held in front of it: the label PDF our own
 * renderer makes, rasterised by pdftoppm (grey, 270 dpi: about 2.5 pixels a bar, as a phone sees a label a hand away) and centred on white. Chromium loops it.
 */
export async function labelVideo(label: ScanLabel, name: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'camera-'));
  const pdf = path.join(dir, 'label.pdf');
  await fs.writeFile(pdf, await renderScanLabels([label], 'thermal', 'Camera test'));
  await run('pdftoppm', ['-gray', '-r', '270', '-singlefile', pdf, path.join(dir, 'label')]);
  const pgm = await fs.readFile(path.join(dir, 'label.pgm'));
  const header = pgm.subarray(0, 64).toString('latin1').match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/);
  if (!header) throw new Error('pdftoppm did not write a binary PGM');
  const [w, h] = [Number(header[1]), Number(header[2])];
  const pixels = pgm.subarray(header[0].length);
  if (w > W || h > H) throw new Error(`The label (${w}×${h}) is larger than the camera frame.`);
  // Y plane: the label centred on white; U and V planes (4:2:0, a quarter each) grey.
  const y = Buffer.alloc(W * H, 255);
  const [x0, y0] = [Math.floor((W - w) / 2), Math.floor((H - h) / 2)];
  for (let row = 0; row < h; row++) pixels.copy(y, (y0 + row) * W + x0, row * w, row * w + w);
  const chroma = Buffer.alloc((W / 2) * (H / 2) * 2, 128);
  const file = path.join(dir, `${name}.y4m`);
  await fs.writeFile(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\nFRAME\n`, 'latin1'), y, chroma]));
  return file;
}
