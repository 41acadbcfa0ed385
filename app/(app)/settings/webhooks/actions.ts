'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { action } from '@/lib/action';
import { CreateWebhookInput, SetWebhookActiveInput, WebhookIdInput } from '@/lib/webhooks/endpoint-inputs';
import { createWebhookEndpoint, deleteWebhookEndpoint, rotateWebhookSecret, sendTestEvent, setWebhookEndpointActive } from '@/lib/webhooks/endpoints';

const PATH = '/settings/webhooks';

export const createWebhookAction = action({ input: CreateWebhookInput, permission: 'administrator' }, async (input, { user }) => {
  const created = await (await getDb()).transaction((tx) => createWebhookEndpoint(tx, user.id, input));
  revalidatePath(PATH);
  return created;
});

export const setWebhookActiveAction = action({ input: SetWebhookActiveInput, permission: 'administrator' }, async (input) => {
  const row = await (await getDb()).transaction((tx) => setWebhookEndpointActive(tx, input.id, input.active));
  revalidatePath(PATH);
  return row;
});

export const rotateWebhookSecretAction = action({ input: WebhookIdInput, permission: 'administrator' }, async (input) => {
  const rotated = await (await getDb()).transaction((tx) => rotateWebhookSecret(tx, input.id));
  revalidatePath(PATH);
  return rotated;
});

export const deleteWebhookAction = action({ input: WebhookIdInput, permission: 'administrator' }, async (input) => {
  const row = await (await getDb()).transaction((tx) => deleteWebhookEndpoint(tx, input.id));
  revalidatePath(PATH);
  return row;
});

export const sendTestEventAction = action({ input: WebhookIdInput, permission: 'administrator' }, async (input) => {
  const sent = await (await getDb()).transaction((tx) => sendTestEvent(tx, input.id));
  revalidatePath(PATH);
  return sent;
});
