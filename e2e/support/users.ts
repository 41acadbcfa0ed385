/**
 * The accounts the runner creates before the server starts, shared by every spec. Specs start
 * signed in as one of them through a stored session (`sessionFile`); only the specs about the
 * sign-in form itself type these passwords.
 */
export const E2E_USERS = {
  admin: { email: 'admin@e2e.test', password: 'e2e-admin-password', name: 'Administrator' },
  // Stock permissions without Products or FBA: the specs about refusals sign in as the clerk.
  clerk: { email: 'clerk@e2e.test', password: 'e2e-clerk-password', name: 'Stock Clerk' },
} as const;

export type E2eUser = keyof typeof E2E_USERS;
