import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { transferStatus } from '@/lib/stock/transfer-status';

vi.mock('./actions', () => ({ createTransferAction: async () => ({ status: 'idle' }), moveTransferAction: async () => ({ status: 'idle' }) }));
const { TransferMoves } = await import('./transfer-forms');

/** The buttons a transfer page shows, as a person reads them, and the moves they post. */
function buttonsOf(status: (typeof transferStatus.statuses)[number]) {
  const html = renderToStaticMarkup(createElement(TransferMoves, { id: '00000000-0000-4000-8000-000000000001', number: 'TR-9', status }));
  const labels = [...html.matchAll(/<button[^>]*>(?:<span>)?([^<]*)/g)].map((m) => m[1].trim());
  const moves = [...html.matchAll(/name="move" value="([^"]*)"/g)].map((m) => m[1]);
  const from = [...html.matchAll(/name="from" value="([^"]*)"/g)].map((m) => m[1]);
  return { labels, moves, from };
}

describe('TransferMoves', () => {
  it.each(transferStatus.statuses)('shows for a %s transfer exactly the buttons its status table offers', (status) => {
    const { labels, moves, from } = buttonsOf(status);
    const offered = transferStatus.buttonsFrom(status);
    expect(labels).toEqual(offered.map((b) => b.label));
    expect(moves).toEqual(offered.map((b) => b.to));
    expect(from.every((f) => f === status)).toBe(true);
  });

  it('shows Ship and Void on a Draft, nothing on a Voided transfer', () => {
    expect(buttonsOf('Draft').labels).toEqual(['Ship', 'Void']);
    expect(buttonsOf('Voided').labels).toEqual([]);
  });
});
