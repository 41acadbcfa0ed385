import { FILE_TOO_LARGE_MESSAGE, isFileTooLarge } from './file';
import { stripUnstorable, unstorableTextProblem } from './text';

const SECRET_FIELD = /password|token|secret/i;

/** Next's own fields of a server action post (action id, bound arguments), not the user's input. */
export const isFrameworkField = (name: string) => name.startsWith('$ACTION');

/** Fields whose value must never travel back to the browser or into a log. */
export const isSecretField = (name: string) => SECRET_FIELD.test(name);

/**
 * Every value of a posted form that the database could not take, as field messages keyed like the
 * inputs (repeated names and line cells such as `sku.3` included), or null when all is well. Runs
 * on the raw FormData, before any schema or custom parser, so no form can forget it.
 */
export function findFormProblems(form: FormData): Record<string, string[]> | null {
  const problems: Record<string, string[]> = {};
  const add = (name: string, message: string) => {
    const list = (problems[name] ??= []);
    if (!list.includes(message)) list.push(message);
  };
  for (const [name, value] of form.entries()) {
    if (isFrameworkField(name)) continue;
    const field = stripUnstorable(name);
    const nameProblem = unstorableTextProblem(name);
    if (nameProblem) add(field, nameProblem);
    if (typeof value === 'string') {
      const problem = unstorableTextProblem(value);
      // The refill drops the characters (see refillValues); secrets are never refilled, so retyped.
      if (problem) add(field, `${problem} ${isSecretField(name) ? 'Type it again.' : 'It has been removed here: check the text and save again.'}`);
    } else if (isFileTooLarge(value)) add(field, FILE_TOO_LARGE_MESSAGE);
  }
  return Object.keys(problems).length > 0 ? problems : null;
}
