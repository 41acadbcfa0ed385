import { describe, expect, it } from 'vitest';
import { chooseExternalLocation, type LocationInfo } from './external-location';

const loc = (id: string, name: string, binCount = 0, externalConnectionId: string | null = null): LocationInfo => ({ id, name, binCount, externalConnectionId });

describe('external location naming', () => {
  it('creates a location named after the account when the name is free', () => {
    expect(chooseExternalLocation('Acme FBA', [loc('a', 'Main Warehouse', 3)])).toEqual({ create: 'Acme FBA' });
  });
  it('reuses a location of the same name without bins', () => {
    expect(chooseExternalLocation('Acme FBA', [loc('a', 'acme fba')])).toEqual({ reuse: 'a' });
  });
  it('never reuses a location with bins: name + 1', () => {
    expect(chooseExternalLocation('Acme FBA', [loc('a', 'Acme FBA', 2)])).toEqual({ create: 'Acme FBA 1' });
  });
  it('takes the first free suffix', () => {
    expect(chooseExternalLocation('Acme FBA', [loc('a', 'Acme FBA', 2), loc('b', 'Acme FBA 1')])).toEqual({ create: 'Acme FBA 2' });
  });
  it('does not take a location another connection owns', () => {
    expect(chooseExternalLocation('Acme FBA', [loc('a', 'Acme FBA', 0, 'other')])).toEqual({ create: 'Acme FBA 1' });
  });
  it('reuses a picked location without bins, whatever its name', () => {
    expect(chooseExternalLocation('Acme FBA', [loc('a', 'Overflow')], 'a')).toEqual({ reuse: 'a' });
  });
  it('replaces a picked location that has bins with account name + suffix', () => {
    expect(chooseExternalLocation('Acme FBA', [loc('a', 'Main', 4)], 'a')).toEqual({ create: 'Acme FBA 1' });
  });
});
