import { z } from 'zod';

/**
 * Characters a PostgreSQL `text` value cannot hold. U+0000 is refused by the server ("invalid byte
 * sequence for encoding UTF8: 0x00") and turns a save into a crash; an unpaired UTF-16 surrogate
 * has no UTF-8 form at all, so the drivers would silently store U+FFFD in its place.
 */
const NUL = /\u0000/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export const NUL_MESSAGE = 'This contains an invisible NUL character (U+0000), often pasted from another program, which cannot be saved.';
export const BROKEN_CHARACTER_MESSAGE = 'This contains a broken character (half of an emoji or symbol), which cannot be saved.';

/** Why this text cannot be stored, in words for the user, or null when it can. */
export function unstorableTextProblem(value: string): string | null {
  if (NUL.test(value)) return NUL_MESSAGE;
  if (LONE_SURROGATE.test(value)) return BROKEN_CHARACTER_MESSAGE;
  return null;
}

/** The text without the characters PostgreSQL cannot hold (for search boxes, where dropping them is harmless). */
export function stripUnstorable(value: string): string {
  return value.replace(UNSTORABLE_ALL, '');
}

/**
 * The building block for text in new input schemas: a string PostgreSQL can store. Every server
 * action is already guarded by the wrapper; this also covers text that arrives another way (a
 * CSV cell, a JSON body, a job's payload).
 */
export function storableText() {
  return z.string().superRefine((value, ctx) => {
    const problem = unstorableTextProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}

/** Trimmed text that must not be blank, with the user's words for both limits. */
export function requiredText(label: string, max: number) {
  return storableText()
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} is at most ${max} characters.`);
}

/** Trimmed optional text: blank means "none" (null), so the column stays NULL rather than ''. */
export function optionalText(label: string, max: number) {
  // Absent is empty: a form shows some optional fields only when they apply (carrier and tracking
  // number only for own-stock lines), and a field it did not show must not refuse the form.
  return storableText()
    .trim()
    .max(max, `${label} is at most ${max} characters.`)
    .optional()
    .transform((v) => (v === undefined || v === '' ? null : v));
}
