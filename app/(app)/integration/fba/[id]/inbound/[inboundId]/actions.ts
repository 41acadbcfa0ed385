'use server';

import { getDb } from '@/db';
import { action } from '@/lib/action';
import { PERMISSION } from '@/lib/auth/permissions';
import { calculateTransport, chooseDelivery, choosePacking, choosePlacement, chooseTransport, confirmInbound, goBack, retryInbound, saveBoxes, saveTracking, shipInbound } from '@/lib/inbound/wizard';
import { queueShipmentProductLabels, requeueBoxAndShippingLabels } from '@/lib/inbound/labels';
import { BackInput, BoxesInput, IdInput, PackingInput, PlacementInput, SelectionsInput, ShipmentLabelsInput, TrackingInput, TransportDateInput, parseBoxesForm, parseSelections, parseTrackingForm } from '@/lib/inbound/wizard-inputs';

// The wizard's steps. Each writes the choice and queues the call to Amazon in one transaction; the
// page follows Amazon's answer live (it polls the shipment's JSON while a call is under way).

const permission = PERMISSION.fba;

export const choosePackingAction = action({ input: PackingInput, permission }, async (input, { user }) => {
  await choosePacking(await getDb(), input, user.id);
  return { id: input.id };
});

export const saveBoxesAction = action({ input: BoxesInput, permission, parse: parseBoxesForm }, async (input, { user }) => {
  await saveBoxes(await getDb(), input, user.id);
  return { id: input.id };
});

export const choosePlacementAction = action({ input: PlacementInput, permission }, async (input, { user }) => {
  await choosePlacement(await getDb(), input, user.id);
  return { id: input.id };
});

export const calculateTransportAction = action({ input: TransportDateInput, permission }, async (input, { user }) => {
  await calculateTransport(await getDb(), input, user.id);
  return { id: input.id };
});

export const chooseTransportAction = action({ input: SelectionsInput, permission, parse: (form) => parseSelections(form, 'transport') }, async (input, { user }) => {
  await chooseTransport(await getDb(), { id: input.id, selections: input.selections.map((s) => ({ shipmentId: s.shipmentId, transportationOptionId: s.optionId })) }, user.id);
  return { id: input.id };
});

export const chooseDeliveryAction = action({ input: SelectionsInput, permission, parse: (form) => parseSelections(form, 'window') }, async (input, { user }) => {
  await chooseDelivery(await getDb(), { id: input.id, selections: input.selections.map((s) => ({ shipmentId: s.shipmentId, deliveryWindowOptionId: s.optionId })) }, user.id);
  return { id: input.id };
});

export const confirmInboundAction = action({ input: IdInput, permission }, async (input, { user }) => {
  await confirmInbound(await getDb(), input, user.id);
  return { id: input.id };
});

export const backAction = action({ input: BackInput, permission }, async (input, { user }) => {
  await goBack(await getDb(), input, user.id);
  return { id: input.id };
});

export const retryInboundAction = action({ input: IdInput, permission }, async (input, { user }) => {
  await retryInbound(await getDb(), input, user.id);
  return { id: input.id };
});

/** Another carrier's tracking numbers for one Amazon shipment, sent to Amazon. */
export const saveTrackingAction = action({ input: TrackingInput, permission, parse: parseTrackingForm }, async (input, { user }) => {
  await saveTracking(await getDb(), input, user.id);
  return { id: input.id };
});

/** Ship: the transfer leaves the source location. */
export const shipInboundAction = action({ input: IdInput, permission }, async (input, { user }) => {
  await shipInbound(await getDb(), input, user.id);
  return { id: input.id };
});

/** FNSKU labels for the units you label, on the chosen sheet. */
export const shipmentProductLabelsAction = action({ input: ShipmentLabelsInput, permission }, async (input, { user }) => {
  await queueShipmentProductLabels(await getDb(), input, user.id);
  return { id: input.id };
});

/** Box and shipping labels made again. */
export const requeueLabelsAction = action({ input: IdInput, permission }, async (input, { user }) => {
  await requeueBoxAndShippingLabels(await getDb(), input, user.id);
  return { id: input.id };
});
