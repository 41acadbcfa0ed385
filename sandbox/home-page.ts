import type { SandboxContext } from './context';
import { describeState } from './admin';
import { DEMO_APP } from './apps';
import { escapeHtml } from './http';
import { DEMO_SELLER } from './seed';

/** GET /: the demo seller's credentials (a sandbox's are not secret) and a glance at the state. */
export function renderHomePage(ctx: SandboxContext, baseUrl: string): string {
  const info = describeState(ctx);
  const app = ctx.store.state.apps[DEMO_SELLER.clientId];
  const rows = info.sellers
    .map((s) => `<tr><td>${escapeHtml(s.sellerId)}</td><td>${escapeHtml(s.storeName)}</td><td>${s.skus}</td><td>${s.fulfillableUnits}</td><td>${s.reports}</td><td>${s.fulfillmentOrders.length}</td></tr>`)
    .join('');
  const e = escapeHtml;
  const apps = info.applications.map((a) => `<tr><td>${e(a.name)}</td><td><code>${e(a.applicationId)}</code></td><td><code>${e(a.clientId)}</code></td></tr>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>FBA sandbox</title>
<style>body{font:14px/1.5 system-ui,sans-serif;margin:2rem;max-width:60rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}code{background:#f4f4f4;padding:0 .25rem}</style></head>
<body>
<h1>FBA sandbox</h1>
<p>An emulator of Amazon's Selling Partner API (Sellers, FBA Inventory, Reports, Fulfillment Outbound 2020-07-01,
Fulfillment Inbound 2024-03-20 and v0 reads, Orders v0). Point the product's
FBA connection at <code>${e(baseUrl)}</code> and use the demo credentials below.</p>
<h2>Demo seller</h2>
<table>
<tr><th>Seller ID</th><td><code>${e(DEMO_SELLER.sellerId)}</code></td></tr>
<tr><th>Store name</th><td>${e(DEMO_SELLER.storeName)}</td></tr>
<tr><th>Marketplace</th><td><code>${e(DEMO_SELLER.marketplaceIds[0])}</code> (Amazon.com)</td></tr>
<tr><th>LWA client id</th><td><code>${e(DEMO_SELLER.clientId)}</code></td></tr>
<tr><th>LWA client secret</th><td><code>${e(app === undefined ? '(removed)' : DEMO_SELLER.clientSecret)}</code></td></tr>
<tr><th>Refresh token</th><td><code>${e(DEMO_SELLER.refreshToken)}</code></td></tr>
<tr><th>Token endpoint</th><td><code>${e(baseUrl)}/auth/o2/token</code></td></tr>
</table>
<h2>Connect with Amazon (website authorisation workflow)</h2>
<p>Apps send the seller to <code>${e(baseUrl)}/apps/authorize/consent?application_id=${e(DEMO_APP.applicationId)}&amp;state=…&amp;redirect_uri=…&amp;version=beta</code>.
The seller picks one of the sellers of that app and clicks Authorise; the browser returns to <code>redirect_uri</code> with <code>state</code>,
<code>selling_partner_id</code> and <code>spapi_oauth_code</code>, which the app exchanges at the token endpoint with
<code>grant_type=authorization_code</code> (single use, valid 5 minutes).</p>
<table><tr><th>Application</th><th>Application id</th><th>LWA client id</th></tr>${apps}</table>
<h2>State</h2>
<p>Sandbox time <code>${e(info.clock.now)}</code>, speed ×${info.clock.speed}, rate scale ×${info.rateScale}.</p>
<table><tr><th>Seller</th><th>Store</th><th>SKUs</th><th>Fulfillable units</th><th>Reports</th><th>Fulfilment orders</th></tr>${rows}</table>
<h2>Admin endpoints</h2>
<ul>
<li><code>GET /_sandbox/state</code>, <code>POST /_sandbox/reset</code> <code>{"seedDemo":true}</code></li>
<li><code>POST /_sandbox/sellers</code> <code>{sellerId, storeName, marketplaceIds, clientId, clientSecret, applicationId, appName, refreshToken, items}</code></li>
<li><code>GET|POST /_sandbox/sellers/{sellerId}/inventory</code> <code>{"items":[{"sellerSku":"X","fulfillable":5}]}</code></li>
<li><code>POST /_sandbox/sellers/{sellerId}/orders</code> <code>{"orders":[{"fulfillmentChannel":"AFN","items":[{"sellerSku":"DEMO-001","quantity":1}]}]}</code></li>
<li><code>GET /_sandbox/sellers/{sellerId}/orders/{amazonOrderId}</code>, <code>POST …/orders/{amazonOrderId}/cancel</code> (the buyer cancels a Pending or Unshipped order)</li>
<li><code>GET|POST /_sandbox/clock</code> <code>{"advanceSeconds":3600}</code> or <code>{"speed":60}</code></li>
<li><code>GET|POST|DELETE /_sandbox/faults</code> <code>{errorShare, slowShare, slowMs, lostAnswerShare, throttleStormSeconds, rejectedAddresses, lostPackageShare, shortReceiptShare}</code></li>
<li><code>POST /_sandbox/tokens/expire</code> (access tokens and authorisation codes)</li>
</ul>
</body></html>`;
}
