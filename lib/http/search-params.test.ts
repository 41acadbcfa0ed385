import { describe, expect, it } from 'vitest';
import { entryFor, readSearchParams } from './search-params';

describe('readSearchParams', () => {
  it('keeps the first text of each key, without what PostgreSQL cannot hold', () => {
    expect({ ...readSearchParams({ q: ['a\u0000b', 'c'], sort: 'sku', none: undefined }) }).toEqual({ q: 'ab', sort: 'sku' });
    expect({ ...readSearchParams(new URLSearchParams('q=x&q=y&dir=desc')) }).toEqual({ q: 'x', dir: 'desc' });
  });

  it('reads a key the URL lacks as absent, even one every object answers to', () => {
    const sp = readSearchParams({ q: 'x' });
    expect(sp.constructor).toBeUndefined();
    expect(sp.toString).toBeUndefined();
    expect(sp.valueOf).toBeUndefined();
  });

  it('takes only text: anything else under a key is left out', () => {
    const odd = { valueOf: () => 1, list: [undefined, 'x'], n: 5 } as unknown as Record<string, string>;
    expect({ ...readSearchParams(odd) }).toEqual({});
    expect({ ...readSearchParams({ valueOf: '', toString: 'x' }) }).toEqual({ valueOf: '', toString: 'x' });
  });
});

describe('entryFor', () => {
  const table = { Completed: 'received' };
  it('finds only the table’s own entries', () => {
    expect(entryFor(table, 'Completed')).toBe('received');
    for (const key of ['constructor', 'toString', '__proto__', 'hasOwnProperty', '', undefined]) expect(entryFor(table, key), String(key)).toBeUndefined();
  });
});
