import { z } from 'zod';

// Amazon's error body, identical across the APIs this product uses: {"errors":[{code,message,details}]}.
export const SpApiErrorItem = z.object({
  code: z.string(),
  message: z.string().optional(),
  details: z.string().optional(),
});
export type SpApiErrorItem = z.infer<typeof SpApiErrorItem>;

export const SpApiErrorBody = z.object({ errors: z.array(SpApiErrorItem) });
export type SpApiErrorBody = z.infer<typeof SpApiErrorBody>;

/** ISO 8601 date-time as Amazon sends it (with or without milliseconds, `Z` or offset). */
export const Timestamp = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'Invalid date-time');

export const Money = z.object({ currencyCode: z.string(), value: z.string() });
export type Money = z.infer<typeof Money>;

/** Login with Amazon token exchange (no model upstream; shape from the LWA documentation). */
export const LwaTokenResponse = z.object({
  access_token: z.string(),
  token_type: z.string(),
  expires_in: z.number(),
  refresh_token: z.string().optional(),
});
export type LwaTokenResponse = z.infer<typeof LwaTokenResponse>;

/** The authorization_code grant must return the refresh token: it is what the app keeps. */
export const LwaAuthorizationCodeResponse = LwaTokenResponse.extend({ refresh_token: z.string().min(1) });

export const LwaErrorResponse = z.object({ error: z.string(), error_description: z.string().optional() });
