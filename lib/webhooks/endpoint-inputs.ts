import { z } from 'zod';
import { Id } from '@/lib/validation/id';
import { optionalText, requiredText } from '@/lib/validation/text';
import { WEBHOOK_EVENT_TYPES } from './events';
import { webhookUrlProblem } from './url-policy';

/** A group of checkboxes posts one value as a string and several as an array. */
const checkedList = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item));

export const WebhookUrl = requiredText('URL', 2000).superRefine((value, ctx) => {
  const problem = webhookUrlProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const CreateWebhookInput = z.object({
  url: WebhookUrl,
  description: optionalText('Description', 200),
  events: checkedList(z.enum(WEBHOOK_EVENT_TYPES, 'Choose events from the list.')).pipe(z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1, 'Tick at least one event: an endpoint with none receives nothing.')),
});
export type CreateWebhookInput = z.infer<typeof CreateWebhookInput>;

export const WebhookIdInput = z.object({ id: Id });

export const SetWebhookActiveInput = z.object({ id: Id, active: z.enum(['true', 'false'], 'Choose Enable or Disable.').transform((v) => v === 'true') });
