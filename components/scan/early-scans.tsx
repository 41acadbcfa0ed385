import { headers } from 'next/headers';

/**
 * Scans made before the page's script has run. The code field is focused by the server's HTML
 * (`autofocus`), so a keyboard-wedge scanner's code and Enter reach it at once; but until React has
 * taken the page over, Enter did nothing (the scan form's button waits, disabled), the code stayed
 * in the field and the next scan was typed onto it ("SKU-1SKU-1": Unknown code). This script, in
 * the server's HTML before any field, keeps each such scan in order, the code as the Enter found it,
 * and empties the field; the scan form (`ScanForm`) takes them once it works, and marks itself
 * `data-scan-ready` so that from then on its own handler has every Enter.
 */
const SCRIPT = `(function(){var q=window.__earlyScans=window.__earlyScans||[];document.addEventListener('keydown',function(e){var t=e.target;if(e.key!=='Enter'||!(t instanceof HTMLInputElement)||!t.hasAttribute('data-scan-code')||!t.form||t.form.hasAttribute('data-scan-ready'))return;e.preventDefault();var c=t.value.trim();t.value='';if(c)q.push({field:t.id,code:c});},true);})();`;

/** In the root layout: the script above, with the request's CSP nonce. */
export async function EarlyScans() {
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return <script nonce={nonce} dangerouslySetInnerHTML={{ __html: SCRIPT }} />;
}
