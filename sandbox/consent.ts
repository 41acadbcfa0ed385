import type { ServerResponse } from 'node:http';
import { issueAuthorizationCode } from './auth';
import { escapeHtml as e, sendHtml, sendRedirect } from './http';
import { MARKETPLACES } from './marketplaces';
import type { ApplicationRecord, SandboxState, SellerState } from './state';

// Seller Central's consent page of the website authorisation workflow, for the sandbox's sellers:
// GET /apps/authorize/consent?application_id=…&state=…&redirect_uri=…[&version=beta] shows it; its
// form posts back here. Authorise sends the browser to redirect_uri with state, selling_partner_id
// and spapi_oauth_code; Cancel sends it there with error=access_denied (as OAuth 2.0 does).

export const CONSENT_PATH = '/apps/authorize/consent';

interface ConsentRequest {
  app: ApplicationRecord;
  state: string;
  redirectUri: URL;
  /** As the app sent it: the token exchange must name exactly this redirect_uri. */
  redirectUriText: string;
  version: string;
}

type Refusal = { status: number; title: string; message: string };

const GRANTED_ACCESS = [
  'Your store name and the marketplaces you sell in',
  'Fulfilment by Amazon inventory and inventory reports',
  'Multi-channel fulfilment orders and their tracking (Fulfillment Outbound)',
  'Shipments you send to Amazon’s fulfilment centres (Fulfillment Inbound)',
  'Your orders',
];

/**
 * The query (GET) or form (POST) of a consent request. A redirect_uri that is not an absolute
 * http(s) URL is never redirected to: the page explains the problem instead.
 */
function readRequest(state: SandboxState, params: Record<string, string>): ConsentRequest | Refusal {
  const applicationId = params.application_id ?? '';
  const app = Object.hasOwn(state.applications, applicationId) ? state.applications[applicationId] : undefined;
  if (!app) return { status: 404, title: 'Application not found', message: `No application with the id “${applicationId}” is registered with this sandbox.` };
  const stateParam = params.state ?? '';
  if (!stateParam || stateParam.length > 1024) return { status: 400, title: 'Missing state', message: 'The request has no state parameter (1–1024 characters), so the app could not recognise the answer.' };
  let redirectUri: URL | null = null;
  try {
    redirectUri = new URL(params.redirect_uri ?? '');
  } catch {
    redirectUri = null;
  }
  if (!redirectUri || !/^https?:$/.test(redirectUri.protocol) || redirectUri.hash || redirectUri.username || redirectUri.password) {
    return { status: 400, title: 'Invalid redirect_uri', message: 'redirect_uri must be an absolute http(s) URL without a fragment. The sandbox registers no redirect URIs, so every request names one.' };
  }
  const version = params.version ?? '';
  if (version !== '' && version !== 'beta') return { status: 400, title: 'Invalid version', message: 'version may only be “beta” (an app in draft status).' };
  return { app, state: stateParam, redirectUri, redirectUriText: params.redirect_uri ?? '', version };
}

function sellersOf(state: SandboxState, app: ApplicationRecord): SellerState[] {
  return Object.values(state.sellers)
    .filter((s) => s.clientId === app.clientId)
    .sort((a, b) => a.storeName.localeCompare(b.storeName) || a.sellerId.localeCompare(b.sellerId));
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;margin:0;background:#f3f4f6;color:#111}
header{background:#232f3e;color:#fff;padding:.75rem 2rem;font-weight:600}
main{max-width:40rem;margin:2rem auto;background:#fff;border:1px solid #d1d5db;border-radius:6px;padding:1.5rem 2rem}
h1{font-size:1.35rem;margin:.2rem 0 1rem}h2{font-size:1rem;margin:1.25rem 0 .5rem}
fieldset{border:1px solid #d1d5db;border-radius:4px;padding:.5rem 1rem}label{display:block;padding:.25rem 0}
.note{color:#4b5563;font-size:.9rem}.error{background:#fef2f2;border:1px solid #fca5a5;color:#991b1b;padding:.5rem .75rem;border-radius:4px}
.actions{display:flex;gap:.75rem;margin-top:1.5rem}
button{font:inherit;padding:.45rem 1.2rem;border-radius:4px;border:1px solid #9ca3af;background:#fff;cursor:pointer}
button.primary{background:#ffd814;border-color:#fcd200;font-weight:600}code{background:#f3f4f6;padding:0 .2rem}`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(title)}</title><style>${STYLE}</style></head>
<body><header>Seller Central — FBA sandbox</header><main>${body}</main></body></html>`;
}

function renderRefusal(refusal: Refusal): string {
  return layout(refusal.title, `<h1>${e(refusal.title)}</h1><p class="error" role="alert">${e(refusal.message)}</p>`);
}

function renderConsentPage(request: ConsentRequest, sellers: SellerState[], problem?: string): string {
  const { app } = request;
  const hidden = [
    ['application_id', app.applicationId],
    ['state', request.state],
    ['redirect_uri', request.redirectUriText],
    ...(request.version ? [['version', request.version]] : []),
  ]
    .map(([name, value]) => `<input type="hidden" name="${e(name)}" value="${e(value)}">`)
    .join('');
  const choices = sellers
    .map((s, i) => {
      const markets = s.marketplaceIds.map((id) => MARKETPLACES[id]?.name ?? id).join(', ');
      return `<label><input type="radio" name="selling_partner_id" value="${e(s.sellerId)}"${i === 0 ? ' checked' : ''}> <strong>${e(s.storeName)}</strong> — seller <code>${e(s.sellerId)}</code> (${e(markets)})</label>`;
    })
    .join('');
  const signIn = sellers.length
    ? `<fieldset><legend>Sign in as</legend>${choices}</fieldset>`
    : `<p class="error" role="alert">No seller of this sandbox uses this application. Add one with <code>POST /_sandbox/sellers</code>.</p>`;
  const access = GRANTED_ACCESS.map((a) => `<li>${e(a)}</li>`).join('');
  const body = `<h1>Authorise ${e(app.name)}</h1>
${problem ? `<p class="error" role="alert">${e(problem)}</p>` : ''}
<p class="note">This is the FBA sandbox, not Amazon: choose one of its demo sellers to sign in; no real account or password is involved.${request.version === 'beta' ? ' The application is in draft status (version=beta).' : ''}</p>
<form method="post" action="${CONSENT_PATH}">
${hidden}
${signIn}
<h2>${e(app.name)} will be able to read and change, on your behalf:</h2>
<ul>${access}</ul>
<p class="note">Application id <code>${e(app.applicationId)}</code>. After you choose, you return to <code>${e(request.redirectUri.origin)}</code>.</p>
<div class="actions">${sellers.length ? '<button type="submit" name="decision" value="authorise" class="primary">Authorise</button>' : ''}<button type="submit" name="decision" value="cancel">Cancel</button></div>
</form>`;
  return layout(`Authorise ${app.name}`, body);
}

/** redirect_uri with the answer's parameters added to any it already has. */
function answerUrl(request: ConsentRequest, params: Record<string, string>): string {
  const url = new URL(request.redirectUri);
  url.searchParams.set('state', request.state);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString();
}

/** GET shows the page; POST is its form. Returns true when state changed (a code was issued). */
export function handleConsent(state: SandboxState, method: string, query: URLSearchParams, body: unknown, res: ServerResponse): boolean {
  if (method !== 'GET' && method !== 'POST') {
    sendHtml(res, 405, renderRefusal({ status: 405, title: 'Method not allowed', message: 'Open this page with GET; its form posts to it.' }));
    return false;
  }
  const form = method === 'POST' && body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const params: Record<string, string> = {};
  if (method === 'GET') for (const [name, value] of query) params[name] = value;
  else for (const [name, value] of Object.entries(form)) if (typeof value === 'string') params[name] = value;

  const request = readRequest(state, params);
  if ('status' in request) {
    sendHtml(res, request.status, renderRefusal(request));
    return false;
  }
  const sellers = sellersOf(state, request.app);
  if (method === 'GET') {
    sendHtml(res, 200, renderConsentPage(request, sellers));
    return false;
  }
  if (params.decision === 'cancel') {
    sendRedirect(res, answerUrl(request, { error: 'access_denied', error_description: 'The selling partner did not authorise the application.' }));
    return false;
  }
  const seller = sellers.find((s) => s.sellerId === params.selling_partner_id);
  if (params.decision !== 'authorise' || !seller) {
    sendHtml(res, 400, renderConsentPage(request, sellers, 'Choose one of the sellers below, then Authorise or Cancel.'));
    return false;
  }
  const code = issueAuthorizationCode(state, { sellerId: seller.sellerId, clientId: request.app.clientId, redirectUri: request.redirectUriText });
  sendRedirect(res, answerUrl(request, { selling_partner_id: seller.sellerId, spapi_oauth_code: code }));
  return true;
}
