import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Id, isUuid } from './id';

describe('the one id check', () => {
  it('accepts the ids the database and Node generate, in either case', () => {
    const id = randomUUID();
    expect(isUuid(id)).toBe(true);
    expect(isUuid(id.toUpperCase())).toBe(true);
    expect(Id.parse(id)).toBe(id);
  });

  it('refuses what a hand-edited URL or a stale form can carry', () => {
    for (const bad of ['', 'new', '123', `${randomUUID()}x`, ` ${randomUUID()}`, `${randomUUID()}/extra`, "1' OR '1'='1", 'a\u0000b', undefined, null, 42])
      expect(isUuid(bad), String(bad)).toBe(false);
  });
});
