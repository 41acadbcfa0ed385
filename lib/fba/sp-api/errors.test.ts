import { describe, expect, it, vi } from 'vitest';
import { DomainError, isDomainError } from '@/lib/errors';
import { SpApiError, isSpApiError } from './errors';

// The production build may hold two copies of a module (the worker's drain and the pages are
// different chunks): an error made by one copy must be recognised by the other, or Amazon's 400
// is taken for an unknown failure and retried forever.
describe('errors are recognised across copies of their module', () => {
  it('SpApiError and DomainError from a second copy', async () => {
    vi.resetModules();
    const other = await import('./errors');
    const otherDomain = await import('@/lib/errors');
    const refusal = new other.SpApiError({ kind: 'http', operation: 'cancelFulfillmentOrder', status: 400, code: 'InvalidInput', message: 'cannot be cancelled' });
    expect(refusal).not.toBeInstanceOf(SpApiError);
    expect(isSpApiError(refusal)).toBe(true);
    expect(isSpApiError(refusal) && refusal.retryable).toBe(false);
    const domain = new otherDomain.DomainError('NOT_FOUND', 'gone');
    expect(domain).not.toBeInstanceOf(DomainError);
    expect(isDomainError(domain)).toBe(true);
    expect(isSpApiError(new Error('plain'))).toBe(false);
    expect(isDomainError({ code: 'NOT_FOUND', message: 'look-alike' })).toBe(false);
  });
});
