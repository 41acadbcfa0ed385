import type { AUTHORISATION_STATUSES } from '@/db/schema';
import { statusTable } from '@/lib/status-table';

export type AuthorisationStatus = (typeof AUTHORISATION_STATUSES)[number];

/** A "Connect with Amazon" attempt ends once, either way; only Amazon's callback moves it. */
export const authorisationStatus = statusTable<AuthorisationStatus>({
  document: 'authorisation',
  next: { Pending: ['Connected', 'Failed'], Connected: [], Failed: [] },
});
