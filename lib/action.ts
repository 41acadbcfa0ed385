import { z } from 'zod';
import { can, type Permission, type SessionUser } from '@/lib/auth/permissions';
import { requireUser } from '@/lib/auth/session';
import { DomainError } from '@/lib/errors';

export type ActionState<T = unknown> =
  | { status: 'idle' }
  | { status: 'ok'; data: T; message?: string }
  | { status: 'error'; message: string; fieldErrors?: Record<string, string[]>; values?: Record<string, string | string[]> };

export const idle: ActionState<never> = { status: 'idle' };

const SECRET_FIELD = /password|token|secret/i;

/**
 * Form values as strings (repeated names, like a group of checkboxes, as arrays): what the input
 * schema parses.
 */
export function formValues(form: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of form.entries()) {
    if (typeof v !== 'string' || k.startsWith('$ACTION')) continue;
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

/** What a refused form gets back to refill its fields: never a secret (password, Amazon token). */
export function refillValues(values: Record<string, string | string[]>) {
  return Object.fromEntries(Object.entries(values).filter(([k]) => !SECRET_FIELD.test(k)));
}

/**
 * Every server action goes through here, in this order: authenticate, authorise, parse, run,
 * map expected errors. Unexpected errors propagate (error.tsx, server log) and never reach the
 * browser's form.
 */
export function action<S extends z.ZodType, T>(
  opts: { input: S; permission: Permission | null; parse?: (form: FormData) => unknown },
  run: (input: z.infer<S>, ctx: { user: SessionUser }) => Promise<T>,
) {
  const run_ = async (_prev: ActionState<T>, form: FormData): Promise<ActionState<T>> => {
    const user = await requireUser();
    const raw = formValues(form);
    const values = refillValues(raw);
    if (opts.permission && !can(user, opts.permission))
      return { status: 'error', message: `Not allowed: you need the ${opts.permission} permission.`, values };
    const parsed = opts.input.safeParse(opts.parse ? opts.parse(form) : raw);
    if (!parsed.success)
      return {
        status: 'error',
        message: 'Check the highlighted fields.',
        fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
        values,
      };
    try {
      return { status: 'ok', data: await run(parsed.data, { user }) };
    } catch (e) {
      if (e instanceof DomainError) return { status: 'error', message: e.message, fieldErrors: e.fieldErrors, values };
      throw e;
    }
  };
  // Exposed so a test can check every action refuses users without this permission.
  return Object.assign(run_, { permission: opts.permission });
}
