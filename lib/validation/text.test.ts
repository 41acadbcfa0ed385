import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { optionalText, requiredText, storableText, stripUnstorable } from './text';

describe('text building blocks', () => {
  it('refuse a NUL with a message the user can act on', () => {
    const res = z.object({ name: requiredText('Name', 50) }).safeParse({ name: 'Blue\u0000 mug' });
    expect(res.success).toBe(false);
    expect(z.flattenError(res.error!).fieldErrors.name?.[0]).toContain('invisible NUL character');
  });

  it('refuse half of an emoji (a lone surrogate), which PostgreSQL would silently replace', () => {
    expect(storableText().safeParse('Mug \uD83D').error?.issues[0].message).toContain('broken character');
    expect(storableText().safeParse('Mug \uD83D\uDE00').success).toBe(true);
  });

  it('keep the usual rules: trimmed, required, at most max, blank optional text is null', () => {
    expect(requiredText('Name', 5).safeParse('  ').error?.issues[0].message).toBe('Name is required.');
    expect(requiredText('Name', 5).safeParse('toolong').error?.issues[0].message).toBe('Name is at most 5 characters.');
    expect(requiredText('Name', 5).parse('  Mug ')).toBe('Mug');
    expect(optionalText('Note', 5).parse('  ')).toBeNull();
  });

  it('stripping keeps everything else, emoji included', () => {
    expect(stripUnstorable('A\u0000B \uD83D\uDE00 \uDE00')).toBe('AB \uD83D\uDE00 ');
  });
});
