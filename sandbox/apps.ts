import { createHash } from 'node:crypto';
import type { ApplicationRecord, SandboxState } from './state';

// SP-API applications known to the sandbox. Amazon keys the consent page by the application id
// (amzn1.sp.solution.…) and the token endpoint by the LWA client id; each app here has both.

/** The app the product uses against the sandbox (its credentials are public, like the demo seller's). */
export const DEMO_APP = {
  applicationId: 'amzn1.sp.solution.sandbox-demo',
  name: 'FBA Inventory (sandbox demo app)',
  clientId: 'amzn1.application-oa2-client.sandbox-demo',
  clientSecret: 'sandbox-demo-secret',
} as const;

/**
 * An application id for a client registered without one. Derived from the client id (not random)
 * so a store upgraded on load gives the same id on every start.
 */
function derivedApplicationId(clientId: string): string {
  if (clientId === DEMO_APP.clientId) return DEMO_APP.applicationId;
  const hex = createHash('sha256').update(clientId).digest('hex');
  return `amzn1.sp.solution.${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function findApplicationByClient(state: SandboxState, clientId: string): ApplicationRecord | undefined {
  return Object.values(state.applications).find((a) => a.clientId === clientId);
}

/** Registers the LWA client (its secret) and its application; an app already known keeps its id. */
export function registerApplication(
  state: SandboxState,
  input: { clientId: string; clientSecret: string; applicationId?: string; appName?: string },
): ApplicationRecord {
  state.apps[input.clientId] = input.clientSecret;
  const known = findApplicationByClient(state, input.clientId);
  if (known) {
    if (input.appName) known.name = input.appName;
    return known;
  }
  const demo = input.clientId === DEMO_APP.clientId;
  const app: ApplicationRecord = {
    applicationId: input.applicationId ?? derivedApplicationId(input.clientId),
    name: input.appName ?? (demo ? DEMO_APP.name : `Sandbox app ${input.clientId.slice(-12)}`),
    clientId: input.clientId,
  };
  state.applications[app.applicationId] = app;
  return app;
}

/** Snapshots written before applications existed: every LWA client gets its application. */
export function upgradeApplications(state: SandboxState): void {
  state.applications ??= {};
  state.authorizationCodes ??= {};
  for (const [clientId, clientSecret] of Object.entries(state.apps)) registerApplication(state, { clientId, clientSecret });
}
