import type { ComponentProps } from 'react';

export type LinkProps = Omit<ComponentProps<'a'>, 'href'> & {
  href: string;
  /** As next/link's: false keeps the scroll position (a panel opened on the same list). */
  scroll?: boolean;
};

/**
 * The app's link: a plain `<a>` that a click still follows without reloading the page. The click is
 * taken by one listener for the whole document (`SoftNavigation`, components/layout/
 * soft-navigation.tsx, in the root layout), which hands it to the App Router: the same move
 * next/link makes, without a client component per link to render on the server and hydrate in the
 * browser (25 menu entries, a link per row; bench/render-ab.ts: 0–9% of a screen's server CPU).
 * next/link's default prefetch also fetched every link in view ahead of a click (39–72 requests a
 * page view). Works in server and client components alike; without JavaScript, an ordinary link.
 */
export default function Link({ scroll, ...props }: LinkProps) {
  return <a {...props} data-nav={scroll === false ? 'keep-scroll' : ''} />;
}
