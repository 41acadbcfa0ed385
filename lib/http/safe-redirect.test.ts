import { describe, expect, it } from 'vitest';
import { safeNextPath } from './safe-redirect';

describe('safeNextPath', () => {
  it('keeps same-origin paths with their query and fragment', () => {
    expect(safeNextPath('/settings/reference-books/locations')).toBe('/settings/reference-books/locations');
    expect(safeNextPath('/inventory/products?q=box&sort=sku#top')).toBe('/inventory/products?q=box&sort=sku#top');
    expect(safeNextPath('/a/../inventory')).toBe('/inventory');
    expect(safeNextPath('/%5Cevil.example')).toBe('/%5Cevil.example'); // an encoded backslash stays a path
  });

  it.each([
    ['a backslash after the slash (the issue’s case)', '/\\evil.example/x'],
    ['a backslash first', '\\\\evil.example'],
    ['a tab inside the slashes', '/\t/evil.example/x'],
    ['a newline inside the slashes', '/\n/evil.example'],
    ['a carriage return', '/\r/evil.example'],
    ['a NUL', '/\u0000/evil.example'],
    ['DEL', '/\u007f/evil.example'],
    ['a protocol-relative URL', '//evil.example/x'],
    ['three slashes', '///evil.example'],
    ['dot segments collapsing into //', '/.//evil.example'],
    ['dot-dot collapsing into //', '/x/..//evil.example'],
    ['an absolute URL', 'http://evil.example/x'],
    ['an https URL', 'https://evil.example'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a data: URL', 'data:text/html,<script>alert(1)</script>'],
    ['a relative path', 'evil.example/x'],
    ['an encoded path (decoded once already by the router)', '%2F%5Cevil.example%2Fx'],
    ['a double-encoded slash pair', '%2F%2Fevil.example'],
    ['leading whitespace', ' /x'],
    ['empty', ''],
  ])('refuses %s', (_label, raw) => {
    expect(safeNextPath(raw)).toBe('/');
  });

  it('refuses what is not a string, and returns the fallback asked for', () => {
    expect(safeNextPath(undefined)).toBe('/');
    expect(safeNextPath(['/a', '/b'])).toBe('/');
    expect(safeNextPath('//evil.example', { fallback: '/home' })).toBe('/home');
  });

  it('accepts an absolute URL only on the given origin, reduced to its path', () => {
    const origin = 'http://localhost:3000';
    expect(safeNextPath('http://localhost:3000/inventory?x=1', { origin })).toBe('/inventory?x=1');
    expect(safeNextPath('http://localhost:3000', { origin })).toBe('/');
    expect(safeNextPath('https://localhost:3000/inventory', { origin })).toBe('/');
    expect(safeNextPath('http://localhost:3001/inventory', { origin })).toBe('/');
    expect(safeNextPath('http://localhost:3000.evil.example/', { origin })).toBe('/');
    expect(safeNextPath('http://user@localhost:3000@evil.example/', { origin })).toBe('/');
    expect(safeNextPath('http://evil.example/x', { origin })).toBe('/');
    expect(safeNextPath('http://localhost:3000/\\evil.example', { origin })).toBe('/');
    const both = ['http://127.0.0.1:3000', 'http://localhost:3000'];
    expect(safeNextPath('http://localhost:3000/inventory', { origin: both })).toBe('/inventory');
    expect(safeNextPath('http://127.0.0.1:3000/inventory', { origin: both })).toBe('/inventory');
    expect(safeNextPath('http://evil.example/inventory', { origin: both })).toBe('/');
  });
});
