import { describe, expect, it } from 'vitest';
import { softNavigationTarget } from './soft-navigation-target';

const origin = 'https://inventory.example.com';

/** A clicked element inside an `<a>` with these attributes (href already resolved, as the DOM's `a.href` is). */
function clickOn(attrs: Record<string, string> | null, over: Partial<MouseEvent> = {}) {
  const anchor = attrs && {
    href: attrs.href,
    hasAttribute: (n: string) => n in attrs,
    getAttribute: (n: string) => attrs[n] ?? null,
  };
  const target = { closest: (sel: string) => (sel === 'a[data-nav]' && anchor && 'data-nav' in attrs ? anchor : null) };
  return { defaultPrevented: false, button: 0, metaKey: false, ctrlKey: false, shiftKey: false, altKey: false, target, ...over } as unknown as MouseEvent;
}

describe('softNavigationTarget', () => {
  it('follows a plain click on one of the app’s links inside the router, path, query and hash kept', () => {
    expect(softNavigationTarget(clickOn({ 'data-nav': '', href: `${origin}/sale/sales?after=x#top` }), origin)).toEqual({ href: '/sale/sales?after=x#top', scroll: true });
  });

  it('keeps the scroll position for a link marked so (scroll={false})', () => {
    expect(softNavigationTarget(clickOn({ 'data-nav': 'keep-scroll', href: `${origin}/integration/fba/1/catalog?listing=2` }), origin)).toEqual({
      href: '/integration/fba/1/catalog?listing=2',
      scroll: false,
    });
  });

  it.each([
    ['ctrl', { ctrlKey: true }],
    ['cmd', { metaKey: true }],
    ['shift', { shiftKey: true }],
    ['alt', { altKey: true }],
    ['middle button', { button: 1 }],
    ['handled by the page', { defaultPrevented: true }],
  ])('leaves a %s click to the browser', (_, over) => {
    expect(softNavigationTarget(clickOn({ 'data-nav': '', href: `${origin}/sale/sales` }, over), origin)).toBeNull();
  });

  it('leaves downloads, other tabs, other sites and other links to the browser', () => {
    expect(softNavigationTarget(clickOn({ 'data-nav': '', href: `${origin}/api/labels/1`, download: '' }), origin)).toBeNull();
    expect(softNavigationTarget(clickOn({ 'data-nav': '', href: `${origin}/sale/sales`, target: '_blank' }), origin)).toBeNull();
    expect(softNavigationTarget(clickOn({ 'data-nav': '', href: 'https://sellercentral.amazon.com/' }), origin)).toBeNull();
    expect(softNavigationTarget(clickOn({ href: `${origin}/sale/sales` }), origin)).toBeNull();
    expect(softNavigationTarget(clickOn(null), origin)).toBeNull();
    // A click on the document itself, or text with no `closest`.
    expect(softNavigationTarget({ ...clickOn(null), target: null } as unknown as MouseEvent, origin)).toBeNull();
  });

  it('follows a link that names this tab', () => {
    expect(softNavigationTarget(clickOn({ 'data-nav': '', href: `${origin}/sale/sales`, target: '_self' }), origin)).toEqual({ href: '/sale/sales', scroll: true });
  });
});
