import fs from 'node:fs';
import path from 'node:path';
import { unstable_rethrow } from 'next/navigation';
import { z } from 'zod';
import { can, type Permission, type SessionUser } from '@/lib/auth/permissions';
import { requireUser } from '@/lib/auth/session';
import { isDomainError, reportUnexpected, unexpectedMessage } from '@/lib/errors';
import { withAuditUser } from '@/db/audit-context';
import { findFormProblems, isFrameworkField, isSecretField } from '@/lib/validation/form-data';
import { stripUnstorable } from '@/lib/validation/text';

export type ActionState<T = unknown> =
  | { status: 'idle' }
  | { status: 'ok'; data: T; message?: string }
  | {
      status: 'error';
      message: string;
      fieldErrors?: Record<string, string[]>;
      values?: Record<string, string | string[]>;
      /** Set when the failure was ours, not the user's: the same reference is in the server log. */
      reference?: string;
    };

export const idle: ActionState<never> = { status: 'idle' };

/**
 * Form values as strings (repeated names, like a group of checkboxes, as arrays): what the input
 * schema parses.
 */
export function formValues(form: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of form.entries()) {
    if (typeof v !== 'string' || isFrameworkField(k)) continue;
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

/**
 * What a refused form gets back to refill its fields: never a secret (password, Amazon token), and
 * without characters the database cannot hold, so saving again after the message just works.
 */
export function refillValues(values: Record<string, string | string[]>) {
  return Object.fromEntries(
    Object.entries(values)
      .filter(([k]) => !isSecretField(k))
      .map(([k, v]) => [stripUnstorable(k), Array.isArray(v) ? v.map(stripUnstorable) : stripUnstorable(v)]),
  );
}

type ManifestEntry = { filename?: string; exportedName?: string };
let manifest: Record<string, ManifestEntry> | null | undefined;

/**
 * "file#export" of a server action, for the log. Next registers each exported action with only a
 * hashed id (`$$id`); the build's server-reference manifest maps it back to the file and export.
 */
function actionName(fn: object): string {
  const id = (fn as { $$id?: unknown }).$$id;
  if (typeof id !== 'string') return 'server action';
  if (manifest === undefined) {
    try {
      const file = path.join(/* turbopackIgnore: true */ process.cwd(), process.env.NEXT_DIST_DIR || '.next', 'server', 'server-reference-manifest.json');
      manifest = (JSON.parse(fs.readFileSync(file, 'utf8')) as { node?: Record<string, ManifestEntry> }).node ?? null;
    } catch {
      manifest = null;
    }
  }
  const entry = manifest?.[id.split('#')[0]];
  return entry?.exportedName ? `${entry.filename}#${entry.exportedName} (${id})` : `server action ${id}`;
}

/**
 * Every server action goes through here, in this order: authenticate, authorise (every action names
 * its permission; there are no public actions), refuse what the database cannot store, parse, run,
 * map expected errors. An unexpected error is logged with a reference and the form shows only that
 * reference; Next's redirect()/notFound() pass through.
 */
/**
 * A field message can only sit beside a field the form posted. Messages for any other key (a field
 * the form did not show, a rule across fields) go into the form's message, so a refusal never says
 * "Check the highlighted fields" with nothing highlighted.
 */
export function placeMessages(message: string, fieldErrors: Record<string, string[] | undefined>, form: FormData): string {
  // Every posted name counts, files included (an import's messages sit beside its file input).
  const unplaced = Object.entries(fieldErrors).flatMap(([k, msgs]) => (form.has(k) || !msgs?.length ? [] : [msgs[0]!]));
  if (unplaced.length === 0) return message;
  const placed = Object.keys(fieldErrors).some((k) => form.has(k));
  return [placed ? message : null, ...new Set(unplaced)].filter(Boolean).join(' ');
}

export function action<S extends z.ZodType, T>(
  /** `administrator`: administrators only (users.is_admin), whatever permissions others hold (API keys). */
  opts: { input: S; permission: Permission | 'administrator'; parse?: (form: FormData) => unknown },
  run: (input: z.infer<S>, ctx: { user: SessionUser }) => Promise<T>,
) {
  const run_ = async (_prev: ActionState<T>, form: FormData): Promise<ActionState<T>> => {
    let user: SessionUser | null = null;
    let values: Record<string, string | string[]> | undefined;
    try {
      user = await requireUser();
      const raw = formValues(form);
      values = refillValues(raw);
      if (opts.permission === 'administrator' ? !user.isAdmin : !can(user, opts.permission))
        return {
          status: 'error',
          message: opts.permission === 'administrator' ? 'Not allowed: only an administrator may do this.' : `Not allowed: you need the ${opts.permission} permission.`,
          values,
        };
      const problems = findFormProblems(form);
      if (problems) return { status: 'error', message: 'Check the highlighted fields.', fieldErrors: problems, values };
      const parsed = opts.input.safeParse(opts.parse ? opts.parse(form) : raw);
      if (!parsed.success) {
        const fieldErrors = z.flattenError(parsed.error).fieldErrors as Record<string, string[]>;
        return { status: 'error', message: placeMessages('Check the highlighted fields.', fieldErrors, form), fieldErrors, values };
      }
      const who = user;
      return { status: 'ok', data: await withAuditUser(who.id, () => run(parsed.data, { user: who })) };
    } catch (e) {
      unstable_rethrow(e);
      if (isDomainError(e)) return { status: 'error', message: e.fieldErrors ? placeMessages(e.message, e.fieldErrors, form) : e.message, fieldErrors: e.fieldErrors, values };
      const reference = reportUnexpected(e, { where: actionName(wrapped), userId: user?.id });
      return { status: 'error', message: unexpectedMessage(reference), reference, values };
    }
  };
  // Exposed so tests can check every action refuses users without this permission, and send its
  // input schema's fields bad values.
  const wrapped = Object.assign(run_, { permission: opts.permission, input: opts.input });
  return wrapped;
}
