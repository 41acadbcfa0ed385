import { z } from 'zod';
import { PERMISSIONS } from '@/lib/auth/permissions';
import { Id } from '@/lib/validation/id';
import { requiredText } from '@/lib/validation/text';

/** A group of checkboxes posts one value as a string and several as an array. */
const checkedList = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item));

export const CreateApiKeyInput = z.object({
  name: requiredText('Name', 100),
  ownerId: z.uuid('Choose the user the key acts as.'),
  permissions: checkedList(z.enum(PERMISSIONS, 'Choose permissions from the list.')).pipe(z.array(z.enum(PERMISSIONS)).min(1, 'Tick at least one permission: a key with none can do nothing.')),
});
export type CreateApiKeyInput = z.infer<typeof CreateApiKeyInput>;

export const RevokeApiKeyInput = z.object({ id: Id });
