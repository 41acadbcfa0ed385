/**
 * The largest upload a form accepts (a product CSV of ~100k rows is ~15 MB). The browser checks it
 * before sending, the proxy refuses a larger request body before anything parses it, and Next's
 * server action body limit sits just above it so a body within the limit is never cut short.
 */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
export const MAX_UPLOAD_LABEL = '20 MB';
