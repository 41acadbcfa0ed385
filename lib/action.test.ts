import { notFound, redirect } from 'next/navigation';
import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { z } from 'zod';
import { PERMISSION, type Permission } from '@/lib/auth/permissions';
import { DomainError } from '@/lib/errors';
import { MAX_UPLOAD_BYTES } from '@/lib/http/limits';
import { optionalText } from '@/lib/validation/text';
import { formOf } from '@/test/forms';
import { signInAs } from '@/test/session';

vi.mock('@/lib/auth/session', () => import('@/test/session').then((m) => m.sessionModule()));
const { action } = await import('./action');

const idle = { status: 'idle' } as const;
// Every action below needs Products; the refusals of a user without it are app/actions-permissions.test.ts's.
signInAs([PERMISSION.products], 'user-1');

afterEach(() => {
  vi.restoreAllMocks();
});

describe('action()', () => {
  it('has no public actions: every action must name one permission, or administrators only', () => {
    expectTypeOf<Parameters<typeof action>[0]['permission']>().toEqualTypeOf<Permission | 'administrator'>();
  });

  const connect = action({ input: z.object({ sellerId: z.string().min(3, 'Too short.'), refreshToken: z.string().min(1) }), permission: PERMISSION.products }, async (input) => input.refreshToken.length);

  it('parses secret fields, so the action receives them', async () => {
    expect(await connect(idle, formOf({ sellerId: 'ASELLER', refreshToken: 'Atzr|x' }))).toEqual({ status: 'ok', data: 6 });
  });

  it('refills what the user typed on a refusal, except secrets', async () => {
    const res = await connect(idle, formOf({ sellerId: 'A', refreshToken: 'Atzr|secret-value' }));
    expect(res).toMatchObject({ status: 'error', fieldErrors: { sellerId: ['Too short.'] }, values: { sellerId: 'A' } });
    expect(JSON.stringify(res)).not.toContain('Atzr|secret-value');
  });
});

describe('action(): every field message is seen', () => {
  const ship = action(
    { input: z.object({ quantity: z.string().regex(/^\d+$/, 'Enter a whole number.'), carrier: optionalText('Carrier', 60) }), permission: PERMISSION.products },
    async (input) => input,
  );

  it('an optional field the form did not show is empty, not an error', async () => {
    expect(await ship(idle, formOf({ quantity: '4' }))).toEqual({ status: 'ok', data: { quantity: '4', carrier: null } });
  });

  it('a message for a field the form did not post goes into the form message, beside "Check the highlighted fields" only when one is', async () => {
    const strict = action({ input: z.object({ quantity: z.string().regex(/^\d+$/, 'Enter a whole number.'), carrier: z.string('Enter a carrier.') }), permission: PERMISSION.products }, async () => 1);
    expect(await strict(idle, formOf({ quantity: '4' }))).toMatchObject({ status: 'error', message: 'Enter a carrier.' });
    expect(await strict(idle, formOf({ quantity: 'x' }))).toMatchObject({ status: 'error', message: 'Check the highlighted fields. Enter a carrier.' });
    const domain = action({ input: z.object({ quantity: z.string() }), permission: PERMISSION.products }, async () => {
      throw new DomainError('INVALID_INPUT', 'Check the highlighted fields.', { 'quantity.9': ['Line 9 is gone.'] });
    });
    expect(await domain(idle, formOf({ quantity: '1' }))).toMatchObject({ status: 'error', message: 'Line 9 is gone.' });
    // A file input is a posted field too: an import's row messages stay beside it, under the import's own message.
    const importer = action({ input: z.object({}), permission: PERMISSION.products }, async () => {
      throw new DomainError('INVALID_INPUT', 'The file has 1 error; nothing was imported.', { file: ['Line 2: SKU is required.'] });
    });
    const upload = new FormData();
    upload.append('file', new File(['sku\n'], 'products.csv', { type: 'text/csv' }));
    expect(await importer(idle, upload)).toMatchObject({ status: 'error', message: 'The file has 1 error; nothing was imported.', fieldErrors: { file: ['Line 2: SKU is required.'] } });
  });
});

describe('action(): text the database cannot store is refused before anything runs', () => {
  it('a NUL in a plain field: a message on that field, the refill without it, nothing run', async () => {
    const run = vi.fn(async () => 'saved');
    const save = action({ input: z.object({ name: z.string(), sku: z.string() }), permission: PERMISSION.products }, run);
    const res = await save(idle, formOf({ name: 'Blue\u0000 mug', sku: 'MUG-1' }));
    expect(res).toMatchObject({ status: 'error', message: 'Check the highlighted fields.', values: { name: 'Blue mug', sku: 'MUG-1' } });
    expect(res.status === 'error' && res.fieldErrors).toEqual({ name: [expect.stringContaining('contains an invisible NUL character')] });
    expect(run).not.toHaveBeenCalled();
  });

  it('a NUL in one value of a repeated field (a group of checkboxes)', async () => {
    const run = vi.fn(async () => 'saved');
    const save = action({ input: z.object({ permissions: z.array(z.string()) }), permission: PERMISSION.products }, run);
    const form = new FormData();
    form.append('permissions', 'Products');
    form.append('permissions', 'Stock\u0000');
    const res = await save(idle, form);
    expect(res.status === 'error' && res.fieldErrors?.permissions?.[0]).toContain('invisible NUL character');
    expect(res.status === 'error' && res.values?.permissions).toEqual(['Products', 'Stock']);
    expect(run).not.toHaveBeenCalled();
  });

  it('a NUL in a line cell of a form with its own parser: the message lands on that cell', async () => {
    const run = vi.fn(async () => 'saved');
    const parse = vi.fn((form: FormData) => ({ reason: form.get('reason'), skus: form.getAll('sku.0') }));
    const save = action({ input: z.object({ reason: z.string(), skus: z.array(z.string()) }), permission: PERMISSION.products, parse }, run);
    const res = await save(idle, formOf({ reason: 'Count', 'sku.0': 'A', 'sku.1': 'B\u0000' }));
    expect(res.status === 'error' && Object.keys(res.fieldErrors ?? {})).toEqual(['sku.1']);
    expect(run).not.toHaveBeenCalled();
  });

  it('a NUL in a secret field is refused and asks to retype it, never echoing the secret', async () => {
    const save = action({ input: z.object({ password: z.string() }), permission: PERMISSION.products }, async () => 'saved');
    const res = await save(idle, formOf({ password: 'hunter\u00002' }));
    expect(res.status === 'error' && res.fieldErrors?.password?.[0]).toContain('Type it again');
    expect(JSON.stringify(res)).not.toContain('hunter');
  });

  it('a file over the upload limit gets the size message on its field, and the action does not read it', async () => {
    const run = vi.fn(async () => 'imported');
    const upload = action({ input: z.object({ file: z.instanceof(File) }), permission: PERMISSION.products, parse: (f) => ({ file: f.get('file') }) }, run);
    const big = new File([new Uint8Array(MAX_UPLOAD_BYTES + 1)], 'products.csv', { type: 'text/csv' });
    const res = await upload(idle, formOf({ file: big }));
    expect(res.status === 'error' && res.fieldErrors?.file).toEqual(['The file is larger than 20 MB; split it into smaller files.']);
    expect(run).not.toHaveBeenCalled();
  });
});

describe('action(): unexpected errors', () => {
  const sqlError = () =>
    Object.assign(new Error('Failed query: select "id" from "products" where "sku" = $1\nparams: SECRET-SKU-VALUE'), {
      query: 'select "id" from "products" where "sku" = $1',
      params: ['SECRET-SKU-VALUE'],
      cause: Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' }),
    });

  it('shows a reference instead of the error, logs the reference, user and error without form values', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const save = action({ input: z.object({ sku: z.string() }), permission: PERMISSION.products }, async () => {
      throw sqlError();
    });
    const res = await save(idle, formOf({ sku: 'SECRET-SKU-VALUE' }));
    expect(res.status).toBe('error');
    if (res.status !== 'error') return;
    expect(res.message).toMatch(/^Something went wrong on our side\. Reference: [A-Z2-9]{4}-[A-Z2-9]{4}\./);
    expect(res.message).not.toMatch(/select|Failed query|params|products/i);
    expect(res.values).toEqual({ sku: 'SECRET-SKU-VALUE' });
    expect(log).toHaveBeenCalledTimes(1);
    const logged = String(log.mock.calls[0][0]);
    expect(logged).toContain(res.reference!);
    expect(logged).toContain('user user-1');
    expect(logged).toContain('server action');
    expect(logged).toContain('[22021]');
    expect(logged).not.toContain('SECRET-SKU-VALUE');
  });

  it('a "DomainError" re-wrapping a database error (no known code) is treated as unexpected', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const add = action({ input: z.object({ sku: z.string() }), permission: PERMISSION.products }, async () => {
      try {
        throw sqlError();
      } catch (e) {
        const err = e as DomainError;
        throw new DomainError(err.code, err.message, { sku: ['No product has this SKU.'] });
      }
    });
    const res = await add(idle, formOf({ sku: 'X' }));
    expect(res).toMatchObject({ status: 'error', message: expect.stringContaining('Reference: ') });
    expect(JSON.stringify(res)).not.toContain('Failed query');
  });

  it('expected failures still show their own message', async () => {
    const add = action({ input: z.object({ sku: z.string() }), permission: PERMISSION.products }, async () => {
      throw new DomainError('NOT_FOUND', 'No product with SKU X.', { sku: ['No product has this SKU.'] });
    });
    expect(await add(idle, formOf({ sku: 'X' }))).toMatchObject({ status: 'error', message: 'No product with SKU X.', fieldErrors: { sku: ['No product has this SKU.'] } });
  });

  it("lets Next's redirect() and notFound() through", async () => {
    const go = action({ input: z.object({}), permission: PERMISSION.products }, async () => redirect('/inventory/products/1?created=1'));
    await expect(go(idle, new FormData())).rejects.toMatchObject({ digest: expect.stringContaining('NEXT_REDIRECT') });
    const missing = action({ input: z.object({}), permission: PERMISSION.products }, async () => notFound());
    await expect(missing(idle, new FormData())).rejects.toMatchObject({ digest: expect.stringContaining('404') });
  });
});
