import { z } from 'zod';
import { PERMISSIONS } from './permissions';

const Permissions = z.array(z.enum(PERMISSIONS)).default([]);

export const CreateUserInput = z.object({
  name: z.string().trim().min(1, 'Enter a name.').max(100),
  email: z.email('Enter a valid email address.').trim().toLowerCase(),
  password: z.string().min(10, 'Use at least 10 characters.').max(200),
  permissions: Permissions,
});

export const UpdateUserAccessInput = z.object({
  userId: z.uuid(),
  active: z.boolean(),
  permissions: Permissions,
});

/** Checkbox groups arrive as repeated fields; FormData → plain object with arrays. */
export function readUserForm(form: FormData) {
  const one = (k: string) => (typeof form.get(k) === 'string' ? (form.get(k) as string) : undefined);
  return {
    name: one('name'),
    email: one('email'),
    password: one('password'),
    userId: one('userId'),
    active: one('active') === 'on',
    permissions: form.getAll('permissions').filter((v): v is string => typeof v === 'string'),
  };
}
