/**
 * A spreadsheet runs a cell starting with = + - @ as a formula (a tab, CR or LF in front may be
 * stripped first), so a product named `=HYPERLINK(…)` could leak data or start a program when an
 * export is opened. Such cells are written with a leading `'`, which spreadsheets take as "text".
 * Any number of quotes before the trigger counts too, so a value that already starts with `'=`
 * gets one more and every value reads back exactly: the reader removes exactly one quote from a
 * cell that is quotes then a trigger, and nothing else.
 */
const FORMULA_START = /^'*[=+\-@\t\r\n]/;
const NEUTRALISED = /^'+[=+\-@\t\r\n]/;

export const neutraliseCell = (value: string) => (FORMULA_START.test(value) ? `'${value}` : value);
export const restoreCell = (cell: string) => (NEUTRALISED.test(cell) ? cell.slice(1) : cell);

/** Line breaks as spreadsheets write them: CRLF, LF or a lone CR. */
export const LINE_BREAK = /\r\n|\n|\r/g;

/** The 1-based line of a position in a text, counting CRLF, LF and CR as one break each. */
export function lineAt(text: string, index: number): number {
  return (text.slice(0, index).match(LINE_BREAK)?.length ?? 0) + 1;
}
