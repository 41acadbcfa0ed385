import fs from 'node:fs';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { amazonOrderState } from '@/lib/channel/amazon-order-state';
import { authorisationStatus } from '@/lib/fba/authorisation-status';
import { connectionStatus } from '@/lib/fba/connection-status';
import { foStatus } from '@/lib/fulfilment/fo-status';
import { foReturnStatus } from '@/lib/returns/fo-return-status';
import { saleOrderStatus, saleStageStatus } from '@/lib/sale/sale-status';
import { adjustmentStatus } from '@/lib/stock/adjustment-status';
import { transferStatus } from '@/lib/stock/transfer-status';
import { stocktakeStatus } from '@/lib/stocktake/stocktake-status';
import { StatusBadge, type BadgeStatus } from './status-badge';

const badge = (status: BadgeStatus) => renderToStaticMarkup(createElement(StatusBadge, { status }));
// A badge names its tone (`tone-done`); app/globals.css gives each tone its colours.
const css = fs.readFileSync(new URL('../../app/globals.css', import.meta.url), 'utf8');
const colourOf = (html: string) => {
  const tone = /\btone-(\w+)/.exec(html)?.[1];
  return tone ? new RegExp(`\\.tone-${tone}\\b[^{]*\\{[^}]*\\bbg-(\\w+)-`).exec(css)?.[1] : undefined;
};

const TABLES = [adjustmentStatus, stocktakeStatus, transferStatus, connectionStatus, authorisationStatus, saleOrderStatus, saleStageStatus, foStatus, amazonOrderState, foReturnStatus];

describe('StatusBadge', () => {
  it.each(TABLES.flatMap((t) => t.statuses.map((s) => [t.document, s] as const)))('a %s that is %s shows its status in a colour', (_, status) => {
    const html = badge(status);
    expect(html).toContain(`>${status}</span>`);
    expect(colourOf(html)).toBeDefined();
  });

  it('colours by meaning: finished green, stopped or failed red, under way amber', () => {
    expect(colourOf(badge('Completed'))).toBe('emerald');
    expect(colourOf(badge('Active'))).toBe('emerald');
    expect(colourOf(badge('Voided'))).toBe('red');
    // A disconnected FBA account reads like a voided document, not like a draft.
    expect(colourOf(badge('Disconnected'))).toBe('red');
    expect(colourOf(badge('Failed'))).toBe('red');
    expect(colourOf(badge('In Progress'))).toBe('amber');
    expect(colourOf(badge('Draft'))).toBe('slate');
  });
});
