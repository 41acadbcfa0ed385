// Widths of the PDF standard fonts (Adobe's AFM metrics, 1/1000 em) for printable ASCII, so a
// label can cut a title to its width before react-pdf lays it out (react-pdf wraps otherwise, and
// a wrapped title runs into the next line of a 1" label).

const HELVETICA =
  '278,278,355,556,556,889,667,191,333,333,389,584,278,333,278,278,556,556,556,556,556,556,556,556,556,556,278,278,584,584,584,556,1015,667,667,722,722,667,611,778,722,278,500,667,556,833,722,778,667,778,722,667,611,722,667,944,667,667,611,278,278,278,469,556,333,556,556,500,556,556,278,556,556,222,222,500,222,833,556,556,556,556,333,500,278,556,500,722,500,500,500,334,260,334,584';
const HELVETICA_BOLD =
  '278,333,474,556,556,889,722,238,333,333,389,584,278,333,278,278,556,556,556,556,556,556,556,556,556,556,333,333,584,584,584,611,975,722,722,722,722,667,611,778,722,278,556,722,611,833,722,778,667,778,722,667,611,722,667,944,667,667,611,333,278,333,584,556,333,556,611,556,611,556,333,611,611,278,278,556,278,889,611,611,611,611,389,556,333,611,556,778,556,556,500,389,280,389,584';

const table = (csv: string) => csv.split(',').map(Number);
const WIDTHS = { regular: table(HELVETICA), bold: table(HELVETICA_BOLD) };
/** Anything outside ASCII is measured as the widest glyph (an em dash, an ellipsis): never too short. */
const OTHER = 1000;
const ELLIPSIS = '…';

/** The width of a string in points at the given size. */
export function textWidth(text: string, size: number, bold = false): number {
  const w = bold ? WIDTHS.bold : WIDTHS.regular;
  let sum = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    sum += code >= 32 && code <= 126 ? w[code - 32] : OTHER;
  }
  return (sum * size) / 1000;
}

/**
 * The text shortened to fit the width on one line: whole when it fits, else cut at a word
 * boundary when one is near the end (else mid-word) and ended with an ellipsis.
 */
export function fitText(text: string, size: number, width: number, bold = false): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (textWidth(clean, size, bold) <= width) return clean;
  const room = width - textWidth(ELLIPSIS, size, bold);
  let cut = 0;
  let used = 0;
  for (const ch of clean) {
    const w = textWidth(ch, size, bold);
    if (used + w > room) break;
    used += w;
    cut += ch.length;
  }
  let head = clean.slice(0, cut);
  const space = head.lastIndexOf(' ');
  if (space > head.length * 0.7) head = head.slice(0, space);
  return `${head.replace(/[\s,;:.\-–—]+$/, '')}${ELLIPSIS}`;
}
