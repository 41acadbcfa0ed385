import { z } from 'zod';
import { PERMISSION, type Permission } from '@/lib/auth/permissions';
import { AdjustmentList, AdjustmentListQuery, ApiAdjustment, CreateAdjustmentBody } from './adjustments';
import { IdParams } from './common';
import { ApiFulfilmentOrder, FoList, FoListQuery } from './fulfilment-orders';
import { ApiInboundShipment, InboundList, InboundListQuery } from './inbound-shipments';
import { ApiProduct, CreateProductBody, ProductList, ProductListQuery, UpdateProductBody } from './products';
import { CreateSaleBody, InvoiceBody, PackBody, PickBody, ShipBody } from './sale-writes';
import { ApiSale, SaleList, SaleListQuery } from './sales';
import { LocationList, StockList, StockQuery } from './stock';
import { ApiTransfer, CreateTransferBody, TransferList, TransferListQuery } from './transfers';

/**
 * Every operation of /api/v1, once: what it needs (permission), what it takes (path, query, JSON
 * body) and what it answers. Route handlers are built from their entry (`apiRoute(OPERATIONS[…])`)
 * and the OpenAPI document is generated from these schemas, so the two cannot drift apart;
 * app/api/v1/openapi.test.ts checks every route file has its entry and every entry its route.
 */
export type Operation = {
  summary: string;
  description?: string;
  permission: Permission;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Every field of the body has a default: the request may carry no body at all. */
  optionalBody?: boolean;
  /** The success answer's status and body. */
  status: number;
  response: z.ZodType;
  tag: string;
};

export const OPERATIONS = {
  'GET /products': {
    tag: 'Products',
    summary: 'List products',
    description: 'Sorted by SKU (or name); `q` matches codes from their start and words anywhere in the name.',
    permission: PERMISSION.products,
    query: ProductListQuery,
    status: 200,
    response: ProductList,
  },
  'POST /products': {
    tag: 'Products',
    summary: 'Create a product',
    description: 'The same rules as Inventory → Products → New product. Send an Idempotency-Key to make a retry safe.',
    permission: PERMISSION.products,
    body: CreateProductBody,
    status: 201,
    response: ApiProduct,
  },
  'GET /products/{id}': { tag: 'Products', summary: 'Get a product', permission: PERMISSION.products, params: IdParams, status: 200, response: ApiProduct },
  'PATCH /products/{id}': {
    tag: 'Products',
    summary: 'Update a product',
    description: 'Fields given replace the product’s; `prices`, when given, replaces every price (a tier left out has no price).',
    permission: PERMISSION.products,
    params: IdParams,
    body: UpdateProductBody,
    status: 200,
    response: ApiProduct,
  },
  'GET /locations': { tag: 'Stock', summary: 'List locations with their bins and stock on hand', permission: PERMISSION.referenceBooks, status: 200, response: LocationList },
  'GET /stock': {
    tag: 'Stock',
    summary: 'Stock on hand by product, location and bin',
    description: 'Only places holding or allocating stock. Filter by `productId`, `locationId` or words of the SKU or name.',
    permission: PERMISSION.products,
    query: StockQuery,
    status: 200,
    response: StockList,
  },
  'GET /stock-adjustments': {
    tag: 'Stock',
    summary: 'List stock adjustments',
    description: 'Newest first, with their number of lines.',
    permission: PERMISSION.stockAdjustment,
    query: AdjustmentListQuery,
    status: 200,
    response: AdjustmentList,
  },
  'POST /stock-adjustments': {
    tag: 'Stock',
    summary: 'Create a stock adjustment',
    description:
      'Posted at once, as Inventory → Stock Adjustments does: positive quantities add stock at their unit cost, negative ones remove it at the average cost; a removal past what is on hand is refused (409) and nothing is written. Send an Idempotency-Key to make a retry safe.',
    permission: PERMISSION.stockAdjustment,
    body: CreateAdjustmentBody,
    status: 201,
    response: ApiAdjustment,
  },
  'GET /stock-adjustments/{id}': { tag: 'Stock', summary: 'Get a stock adjustment with its lines', permission: PERMISSION.stockAdjustment, params: IdParams, status: 200, response: ApiAdjustment },
  'GET /fulfilment-orders': {
    tag: 'Fulfilment orders',
    summary: 'List fulfilment orders',
    description: 'The orders sent to Amazon for sales from an FBA location, newest first; filters as on Sale → Fulfilment Orders.',
    permission: PERMISSION.fba,
    query: FoListQuery,
    status: 200,
    response: FoList,
  },
  'GET /fulfilment-orders/{id}': {
    tag: 'Fulfilment orders',
    summary: 'Get a fulfilment order with its items, packages and tracking',
    permission: PERMISSION.fba,
    params: IdParams,
    status: 200,
    response: ApiFulfilmentOrder,
  },
  'GET /inbound-shipments': {
    tag: 'Inbound shipments',
    summary: 'List an FBA connection’s inbound shipments',
    description: 'Newest first, as on the connection’s Inbound Shipments tab.',
    permission: PERMISSION.fba,
    query: InboundListQuery,
    status: 200,
    response: InboundList,
  },
  'GET /inbound-shipments/{id}': {
    tag: 'Inbound shipments',
    summary: 'Get an inbound shipment with its lines and Amazon’s shipments',
    permission: PERMISSION.fba,
    params: IdParams,
    status: 200,
    response: ApiInboundShipment,
  },
  'GET /stock-transfers': { tag: 'Stock', summary: 'List stock transfers', description: 'Newest first, with their number of lines.', permission: PERMISSION.stockTransfer, query: TransferListQuery, status: 200, response: TransferList },
  'POST /stock-transfers': {
    tag: 'Stock',
    summary: 'Create a stock transfer',
    description: 'A Draft transfer between two places, as Inventory → Stock Transfer → New makes it: nothing moves until it is shipped on the screen. Send an Idempotency-Key to make a retry safe.',
    permission: PERMISSION.stockTransfer,
    body: CreateTransferBody,
    status: 201,
    response: ApiTransfer,
  },
  'GET /stock-transfers/{id}': { tag: 'Stock', summary: 'Get a stock transfer with its lines and what was received', permission: PERMISSION.stockTransfer, params: IdParams, status: 200, response: ApiTransfer },
  'GET /sales': {
    tag: 'Sales',
    summary: 'List sales',
    description:
      'Newest first; filter by any stage’s status (`ship=Not Started&pick=Authorised` finds what is picked and waiting to ship), as Sale → Sales does. An outside warehouse asks `readyToShipFrom=<its location id>` for the sales it should ship (the 3PL Shipment List’s rule).',
    permission: PERMISSION.sale,
    query: SaleListQuery,
    status: 200,
    response: SaleList,
  },
  'GET /sales/{id}': { tag: 'Sales', summary: 'Get a sale with its stages, lines and fulfilment orders', permission: PERMISSION.sale, params: IdParams, status: 200, response: ApiSale },
  'POST /sales': {
    tag: 'Sales',
    summary: 'Create a sale',
    description:
      'A Draft sale with its lines, by the rules of Sale → New sale: the customer’s price tier and shipping address fill what is left out, a line without a price takes the product’s price in that tier, one without a location the product’s default location. Nothing is allocated until the order is authorised. Send an Idempotency-Key to make a retry safe.',
    permission: PERMISSION.sale,
    body: CreateSaleBody,
    status: 201,
    response: ApiSale,
  },
  'POST /sales/{id}/order': {
    tag: 'Sales',
    summary: 'Authorise the order',
    description:
      'As the Order tab’s Authorise: each line’s units are allocated at its location and the pick lines drafted (409 with the reason when too few are available, or the order is not Draft). Sales Process Customisation may pick and pack at once. Answers the sale.',
    permission: PERMISSION.sale,
    params: IdParams,
    status: 200,
    response: ApiSale,
  },
  'POST /sales/{id}/pick': {
    tag: 'Sales',
    summary: 'Authorise Pick',
    description: 'As the Pick tab’s Authorise: the picked units leave stock through the ledger. A 409 says why the sale cannot be picked now (order not authorised, already picked, too few available). No body: every line where the order drafted it.',
    permission: PERMISSION.sale,
    params: IdParams,
    body: PickBody,
    optionalBody: true,
    status: 200,
    response: ApiSale,
  },
  'POST /sales/{id}/pack': {
    tag: 'Sales',
    summary: 'Authorise Pack',
    description: 'As the Pack tab’s Authorise: every picked unit in a box, FBA items boxed apart. No body: the Pack tab’s default boxes. 409 before Pick is authorised or when already packed.',
    permission: PERMISSION.sale,
    params: IdParams,
    body: PackBody,
    optionalBody: true,
    status: 200,
    response: ApiSale,
  },
  'POST /sales/{id}/ship': {
    tag: 'Sales',
    summary: 'Authorise Ship',
    description:
      'What an outside warehouse reports once the goods left: carrier, tracking number and when. As the Ship tab’s Authorise: a shipment is recorded and, unless `skipFulfilment`, a fulfilment order is sent to Amazon for lines picked at an FBA location. 409 before Pick is authorised or when Ship already is.',
    permission: PERMISSION.sale,
    params: IdParams,
    body: ShipBody,
    optionalBody: true,
    status: 200,
    response: ApiSale,
  },
  'POST /sales/{id}/invoice': {
    tag: 'Sales',
    summary: 'Authorise the invoice',
    description: 'As the Invoice tab’s Authorise: numbered, its total fixed from the lines, due on `dueDate`. 409 before the order is authorised or when already invoiced.',
    permission: PERMISSION.sale,
    params: IdParams,
    body: InvoiceBody,
    optionalBody: true,
    status: 200,
    response: ApiSale,
  },
} as const satisfies Record<string, Operation>;

export type OperationKey = keyof typeof OPERATIONS;
