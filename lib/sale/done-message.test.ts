import { describe, expect, it } from 'vitest';
import { SALE_DONE, saleDoneMessage } from './done-message';

const sale = { number: 'SO-00042', fos: [{ number: 'FO-00001', undone: true }, { number: 'FO-00007', undone: false }] };

describe('the sale page’s done message', () => {
  it('has words for every name an action redirects with', () => {
    for (const name of SALE_DONE) expect(saleDoneMessage(name, sale), name).toMatch(/\.$/);
    expect(saleDoneMessage('created', sale)).toBe('Sale SO-00042 created as Draft. Authorise the order to allocate its stock.');
    expect(saleDoneMessage('undo-Pick', sale)).toBe('Pick undone.');
  });

  it('names the fulfilment orders of the shipment that stands, not of one undone', () => {
    expect(saleDoneMessage('ship', sale)).toBe('Ship authorised: fulfilment order FO-00007 created.');
    expect(saleDoneMessage('ship', { ...sale, fos: [] })).toBe('Ship authorised.');
  });

  it('shows nothing for words the URL brings: only names are looked up', () => {
    for (const done of ['Your account is locked: call +1 555 0100', 'constructor', 'toString', '__proto__', '', undefined]) expect(saleDoneMessage(done, sale), String(done)).toBeNull();
  });
});
