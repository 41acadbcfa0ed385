'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { softNavigationTarget } from './soft-navigation-target';

/**
 * Follows a click on one of the app's links (`@/components/ui/link`: `a[data-nav]`) inside the App
 * Router, as next/link did: the page changes without a reload, and the layout's state (the menu,
 * React Query's cache) stays. Anything the browser should handle itself is left to it (see
 * `softNavigationTarget`). One listener on the document, added once, in the root layout.
 */
export function SoftNavigation() {
  const router = useRouter();
  useEffect(() => {
    const onClick = (e: MouseEvent) => {
      const target = softNavigationTarget(e, window.location.origin);
      if (!target) return;
      e.preventDefault();
      router.push(target.href, { scroll: target.scroll });
    };
    document.addEventListener('click', onClick);
    return () => document.removeEventListener('click', onClick);
  }, [router]);
  return null;
}
