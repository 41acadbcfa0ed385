import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { LocationPreview } from '@/lib/fulfilment/preview';
import { FulfilmentPreview } from './fulfilment-preview';

const SALE = '11111111-1111-4111-8111-111111111111';

/** The component as it renders once the preview has arrived (or before, when `data` is undefined). */
function render(data?: LocationPreview[]) {
  const client = new QueryClient();
  if (data) client.setQueryData(['fulfilment-preview', SALE], data);
  const html = renderToStaticMarkup(createElement(QueryClientProvider, { client }, createElement(FulfilmentPreview, { saleId: SALE })));
  return html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

const base = { locationId: 'l1', location: 'FBA US', connection: 'My Amazon', shippingSpeed: 'Expedited', lines: [{ productSku: 'MUG', productName: 'Mug', sellerSku: 'MUG-FBA', quantity: 2 }] };

describe('FulfilmentPreview', () => {
  it('says it is asking Amazon until the preview arrives', () => {
    expect(render()).toContain('Asking Amazon for fees and delivery dates…');
  });

  it('shows the fees and the ship and arrival dates', () => {
    const text = render([
      {
        ...base,
        outcome: {
          kind: 'fulfillable',
          fees: [
            { name: 'FBAPerUnitFulfillmentFee', currency: 'USD', minor: 744, amount: '7.44' },
            { name: 'FBAPerOrderFulfillmentFee', currency: 'USD', minor: 100, amount: '1.00' },
          ],
          totalFee: { currency: 'USD', minor: 844, amount: '8.44' },
          earliestShipDate: '2026-03-01T06:00:00.000Z',
          latestShipDate: '2026-03-02T00:00:00.000Z',
          earliestArrivalDate: '2026-03-03T00:00:00.000Z',
          latestArrivalDate: '2026-03-04T00:00:00.000Z',
        },
      },
    ]);
    expect(text).toContain('FBA US (My Amazon), Expedited: MUG-FBA × 2');
    expect(text).toContain('Estimated fees 8.44 USD');
    expect(text).toContain('Ships 2026-03-01 06:00 UTC – 2026-03-02 00:00 UTC');
    expect(text).toContain('Arrives 2026-03-03 00:00 UTC – 2026-03-04 00:00 UTC');
  });

  it("shows Amazon's reasons, and a connection's error, in words", () => {
    const text = render([
      { ...base, outcome: { kind: 'unfulfillable', reasons: ['Amazon cannot deliver to this address'], items: [{ sellerSku: 'MUG-FBA', quantity: 2, reasons: ['not enough fulfillable stock at Amazon'] }] } },
      { ...base, locationId: 'l2', location: 'FBA EU', outcome: { kind: 'error', message: 'Amazon did not answer within 10 seconds; try again shortly.' } },
    ]);
    expect(text).toContain('Amazon cannot fulfil this order as it stands. Amazon cannot deliver to this address.');
    expect(text).toContain('MUG-FBA × 2: not enough fulfillable stock at Amazon');
    expect(text).toContain('FBA EU (My Amazon), Expedited: MUG-FBA × 2 Amazon did not answer within 10 seconds; try again shortly.');
  });

  it('says when no line is at an FBA location', () => {
    expect(render([])).toContain('No line of this sale is picked from an FBA location, so Amazon is not asked.');
  });
});
