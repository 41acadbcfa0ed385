'use client';

import { useSyncExternalStore, type ButtonHTMLAttributes, type ReactNode, type Ref } from 'react';

const subscribeNever = () => () => {};

/**
 * False in the server's HTML and while React hydrates it; true once the page's JavaScript has taken
 * over (and at once on a page reached by a client navigation).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
}

export type ScriptButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type'> & {
  /** `submit` for a form the page's script handles: an `onSubmit` and no `action`, or an `action` that is a function of the page (not a server action). */
  type?: 'button' | 'submit';
  ref?: Ref<HTMLButtonElement>;
};

/**
 * A button that only works through the page's JavaScript, disabled until the page has hydrated.
 * Before that, a click on an `onClick` button did nothing at all (React had not attached the
 * handler yet): "Copy from Pack" pressed on a slow phone was lost, and the next press of Authorise
 * sent empty lines. A form the script handles was worse: with an `onSubmit` and no `action` it went
 * to the browser, which sent its fields in the URL (the sign-in form's password) or reloaded the scan
 * screen and lost the code; with a function of the page as its `action` (Force Sync, Sync) React's
 * placeholder refused it and nothing happened. Disabled, the button says "not yet" (`buttonClass`'s wait look), Enter in a
 * field of its form does nothing, and a browser test's click waits for it as a person would.
 * A server action's form (`ActionForm`) needs none of this: it posts without JavaScript.
 * ESLint refuses a bare `<button type="button">` anywhere else.
 */
export function ScriptButton({ disabled, type = 'button', ...props }: ScriptButtonProps) {
  const hydrated = useHydrated();
  return <button {...props} type={type} disabled={!hydrated || disabled} />;
}

/**
 * Fields the page's script holds (inputs whose value is React state, a list of lines it adds to, a
 * choice that shows or hides other fields), disabled until the page has hydrated: what was typed in
 * them before then was overwritten when React took over (a new sale's quantity went back to 1, its
 * price blank, and the sale was saved with them). Disabled, they take no typing until it would be
 * kept; the whole group is one `<fieldset>`, so its buttons wait too.
 */
export function ScriptFields({ className, children }: { className?: string; children: ReactNode }) {
  const hydrated = useHydrated();
  return (
    <fieldset disabled={!hydrated} className={`min-w-0${className ? ` ${className}` : ''}`}>
      {children}
    </fieldset>
  );
}
