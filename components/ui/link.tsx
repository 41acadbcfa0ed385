import NextLink from 'next/link';
import type { ComponentProps } from 'react';

/**
 * The app's link: next/link (a click still moves to the page without reloading it) without
 * prefetching. next/link's default fetches every link in view from the server ahead of a click;
 * with 25 menu entries and a list's rows that was 39–72 requests and 350–710 ms of server CPU for
 * one page view in a browser, for pages rendered per request anyway (no loading.js, so a prefetch
 * carried nothing a click could use). `prefetch` may still be set where one link deserves it.
 */
export default function Link(props: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={false} {...props} />;
}
