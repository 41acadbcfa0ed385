import { CreateInboundPlanRequest, SetPackingInformationRequest } from '../../lib/fba/sp-api/models/inbound';
import { ok, type ApiHandler, type ApiRequest } from '../context';
import { invalidInput, notFound } from '../http';
import { acceptedShipments, newEntityId, operationStatus, queueOperation } from '../inbound-progress';
import { renderPlan, renderPlanSummary } from '../inbound-view';
import type { InboundBoxRecord, InboundOperationRecord, InboundPlanRecord, SellerState } from '../state';
import { assertSellerMarketplace, decodePageToken, encodePageToken, formatZodIssues } from './query';

// Fulfillment Inbound 2024-03-20: the plan, packing and placement steps, and operation status.

export function findPlan(seller: SellerState, inboundPlanId: string): InboundPlanRecord {
  const plan = seller.inboundPlans[inboundPlanId];
  if (!plan) throw notFound(`Inbound plan ${inboundPlanId} not found.`);
  return plan;
}

export function activePlan(seller: SellerState, inboundPlanId: string): InboundPlanRecord {
  const plan = findPlan(seller, inboundPlanId);
  if (plan.status !== 'ACTIVE') throw invalidInput(`Inbound plan ${inboundPlanId} is ${plan.status}; it can no longer be changed.`);
  return plan;
}

export function accepted202(seller: SellerState, req: ApiRequest, operation: string, effect: InboundOperationRecord['effect'], problems?: InboundOperationRecord['problems']) {
  return ok({ operationId: queueOperation(seller, operation, req.now, effect, problems) }, 202);
}

export const createInboundPlan: ApiHandler = (req) => {
  const { seller, body, now } = req;
  const parsed = CreateInboundPlanRequest.safeParse(body);
  if (!parsed.success) throw invalidInput(formatZodIssues(parsed.error.issues));
  const request = parsed.data;
  assertSellerMarketplace(seller, request.destinationMarketplaces[0]);
  const inboundPlanId = newEntityId('wf');
  // An unknown SKU is found while Amazon processes the plan: the operation fails, as at Amazon.
  const problems = request.items
    .filter((item) => !seller.inventory[item.msku])
    .map((item) => ({ code: 'FBA_INB_0004', message: `The MSKU ${item.msku} is not in the marketplace catalog.`, severity: 'ERROR' as const }));
  const plan: InboundPlanRecord = {
    inboundPlanId,
    name: request.name ?? `FBA STA (${new Date(now).toISOString().slice(0, 10)})`,
    status: 'ACTIVE',
    marketplaceIds: request.destinationMarketplaces,
    sourceAddress: Object.fromEntries(Object.entries(request.sourceAddress).filter(([, v]) => v !== undefined)) as Record<string, string>,
    createdMs: now,
    lastUpdatedMs: now,
    items: request.items.map(({ msku, quantity, labelOwner, prepOwner }) => ({ msku, quantity, labelOwner, prepOwner })),
    packingGroupId: null,
    packingOptions: [],
    boxes: [],
    placementOptions: [],
    shipments: [],
    transportationOptions: [],
  };
  const operationId = queueOperation(seller, 'createInboundPlan', now, { kind: 'createPlan', inboundPlanId, args: { plan } }, problems);
  return ok({ inboundPlanId, operationId }, 202);
};

export const getInboundPlan: ApiHandler = ({ seller, params }) => ok(renderPlan(findPlan(seller, params.inboundPlanId)));

export const listInboundPlans: ApiHandler = ({ seller, query }) => {
  const status = query.get('status');
  const sortBy = query.get('sortBy') === 'CREATION_TIME' ? 'createdMs' : 'lastUpdatedMs';
  const direction = query.get('sortOrder') === 'DESC' ? -1 : 1;
  const pageSize = Math.min(30, Math.max(1, Number(query.get('pageSize') ?? 10) || 10));
  const plans = Object.values(seller.inboundPlans)
    .filter((p) => !status || p.status === status)
    .sort((a, b) => direction * (a[sortBy] - b[sortBy]) || a.inboundPlanId.localeCompare(b.inboundPlanId));
  const scope = [status, sortBy, direction].join('|');
  const offset = decodePageToken(query.get('paginationToken'), scope);
  const more = offset + pageSize < plans.length;
  return ok({ inboundPlans: plans.slice(offset, offset + pageSize).map(renderPlanSummary), ...(more ? { pagination: { nextToken: encodePageToken(offset + pageSize, scope) } } : {}) });
};

export const cancelInboundPlan: ApiHandler = (req) => {
  const plan = activePlan(req.seller, req.params.inboundPlanId);
  if (acceptedShipments(plan).some((s) => s.shippedMs !== null && s.shippedMs <= req.now)) {
    throw invalidInput(`Inbound plan ${plan.inboundPlanId} has shipments on their way and can no longer be cancelled.`);
  }
  return accepted202(req.seller, req, 'cancelInboundPlan', { kind: 'cancelPlan', inboundPlanId: plan.inboundPlanId });
};

export const generatePackingOptions: ApiHandler = (req) => {
  const plan = activePlan(req.seller, req.params.inboundPlanId);
  return accepted202(req.seller, req, 'generatePackingOptions', { kind: 'generatePacking', inboundPlanId: plan.inboundPlanId });
};

export const listPackingOptions: ApiHandler = ({ seller, params, now }) => {
  const plan = findPlan(seller, params.inboundPlanId);
  return ok({
    packingOptions: plan.packingOptions.map((option) => ({
      packingOptionId: option.packingOptionId,
      packingGroups: plan.packingGroupId ? [plan.packingGroupId] : [],
      status: option.status,
      fees: [],
      discounts: [],
      expiration: new Date(now + 24 * 3600_000).toISOString(),
      supportedConfigurations: [
        {
          boxPackingMethods: ['BOX_CONTENT_PROVIDED', 'BARCODE_2D'],
          boxRequirements: { weight: { minimum: 0, maximum: 50, unit: 'LB' } },
          shippingRequirements: [{ modes: ['GROUND_SMALL_PARCEL'], solution: 'AMAZON_PARTNERED_CARRIER' }, { modes: ['GROUND_SMALL_PARCEL'], solution: 'USE_YOUR_OWN_CARRIER' }],
        },
      ],
      supportedShippingConfigurations: [
        { shippingMode: 'GROUND_SMALL_PARCEL', shippingSolution: 'AMAZON_PARTNERED_CARRIER' },
        { shippingMode: 'GROUND_SMALL_PARCEL', shippingSolution: 'USE_YOUR_OWN_CARRIER' },
      ],
    })),
  });
};

export const confirmPackingOption: ApiHandler = (req) => {
  const plan = activePlan(req.seller, req.params.inboundPlanId);
  const option = plan.packingOptions.find((o) => o.packingOptionId === req.params.packingOptionId);
  if (!option || option.status !== 'OFFERED') throw invalidInput(`Packing option ${req.params.packingOptionId} is not offered for this plan.`);
  return accepted202(req.seller, req, 'confirmPackingOption', { kind: 'confirmPacking', inboundPlanId: plan.inboundPlanId, args: { packingOptionId: option.packingOptionId } });
};

export const setPackingInformation: ApiHandler = (req) => {
  const plan = activePlan(req.seller, req.params.inboundPlanId);
  const parsed = SetPackingInformationRequest.safeParse(req.body);
  if (!parsed.success) throw invalidInput(formatZodIssues(parsed.error.issues));
  if (!plan.packingOptions.some((o) => o.status === 'ACCEPTED')) throw invalidInput('Confirm a packing option before setting packing information.');
  const boxes: InboundBoxRecord[] = [];
  for (const group of parsed.data.packageGroupings) {
    if (group.packingGroupId && group.packingGroupId !== plan.packingGroupId) throw invalidInput(`Unknown packingGroupId ${group.packingGroupId}.`);
    for (const box of group.boxes) {
      for (let n = 0; n < box.quantity; n += 1) {
        boxes.push({
          packageId: newEntityId('pk'),
          boxId: '',
          contentInformationSource: box.contentInformationSource,
          dimensions: box.dimensions,
          weight: box.weight,
          items: (box.items ?? []).map((i) => ({ msku: i.msku, quantity: i.quantity })),
        });
      }
    }
  }
  // Box contents must add up to the plan, checked while Amazon processes (the operation fails).
  const packed = new Map<string, number>();
  for (const box of boxes) for (const i of box.items) packed.set(i.msku, (packed.get(i.msku) ?? 0) + i.quantity);
  const problems = plan.items
    .filter((i) => (packed.get(i.msku) ?? 0) !== i.quantity)
    .map((i) => ({ code: 'FBA_INB_0182', message: `Boxes hold ${packed.get(i.msku) ?? 0} units of ${i.msku}; the plan has ${i.quantity}.`, severity: 'ERROR' as const }));
  return accepted202(req.seller, req, 'setPackingInformation', { kind: 'setPacking', inboundPlanId: plan.inboundPlanId, args: { boxes } }, problems);
};

export const generatePlacementOptions: ApiHandler = (req) => {
  const plan = activePlan(req.seller, req.params.inboundPlanId);
  if (plan.boxes.length === 0) throw invalidInput('Set packing information before generating placement options.');
  if (plan.placementOptions.some((o) => o.status === 'ACCEPTED')) throw invalidInput('A placement option is already confirmed for this plan.');
  return accepted202(req.seller, req, 'generatePlacementOptions', { kind: 'generatePlacement', inboundPlanId: plan.inboundPlanId });
};

export const listPlacementOptions: ApiHandler = ({ seller, params, now }) => {
  const plan = findPlan(seller, params.inboundPlanId);
  return ok({
    placementOptions: plan.placementOptions.map((option) => {
      const units = plan.shipments.filter((s) => option.shipmentIds.includes(s.shipmentId)).flatMap((s) => s.items).reduce((n, i) => n + i.quantity, 0);
      const fee = Math.round(option.feePerUnit * units * 100) / 100;
      return {
        placementOptionId: option.placementOptionId,
        shipmentIds: option.shipmentIds,
        status: option.status,
        fees: [{ description: 'Placement service fee', target: 'Placement Services', type: 'FEE', value: { amount: fee, code: 'USD' } }],
        discounts: [],
        expiration: new Date(now + 24 * 3600_000).toISOString(),
      };
    }),
  });
};

export const confirmPlacementOption: ApiHandler = (req) => {
  const plan = activePlan(req.seller, req.params.inboundPlanId);
  const option = plan.placementOptions.find((o) => o.placementOptionId === req.params.placementOptionId);
  if (!option || option.status !== 'OFFERED') throw invalidInput(`Placement option ${req.params.placementOptionId} is not offered for this plan.`);
  return accepted202(req.seller, req, 'confirmPlacementOption', { kind: 'confirmPlacement', inboundPlanId: plan.inboundPlanId, args: { placementOptionId: option.placementOptionId } });
};

export const getInboundOperationStatus: ApiHandler = ({ seller, params, now }) => {
  const op = seller.inboundOperations[params.operationId];
  if (!op) throw notFound(`Operation ${params.operationId} not found.`);
  const status = operationStatus(op, now);
  return ok({ operationId: op.operationId, operation: op.operation, operationStatus: status, operationProblems: status === 'IN_PROGRESS' ? [] : op.problems });
};
