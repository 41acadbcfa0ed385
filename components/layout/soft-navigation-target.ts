/** What a click on a document means for the App Router: a move to `href`, or null (the browser's own). */
export type SoftTarget = { href: string; scroll: boolean };

type ClickLike = Pick<MouseEvent, 'defaultPrevented' | 'button' | 'metaKey' | 'ctrlKey' | 'shiftKey' | 'altKey' | 'target'>;

/**
 * A click the App Router should follow: the main button with no modifier (those open a tab or a
 * window, or download), not already handled by the page, on one of the app's links (`a[data-nav]`,
 * `@/components/ui/link`) that opens in this tab, is not a download, and stays on this origin.
 */
export function softNavigationTarget(e: ClickLike, origin: string): SoftTarget | null {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return null;
  const el = e.target as Element | null;
  const a = typeof el?.closest === 'function' ? (el.closest('a[data-nav]') as HTMLAnchorElement | null) : null;
  if (!a || a.hasAttribute('download')) return null;
  const frame = a.getAttribute('target');
  if (frame && frame !== '_self') return null;
  // `href` as the document resolved it ("?page=2" against the page it is on), absolute.
  let url: URL;
  try {
    url = new URL(a.href);
  } catch {
    return null;
  }
  if (url.origin !== origin) return null;
  return { href: url.pathname + url.search + url.hash, scroll: a.getAttribute('data-nav') !== 'keep-scroll' };
}
