import { z } from 'zod';

// Runs before the app's client code. Zod 4 probes for `new Function` when a schema is built (to
// compile fast parsers); the Content-Security-Policy forbids eval, so each probe is reported as a
// CSP violation although Zod catches it. Without the probe Zod parses the same, without a JIT.
z.config({ jitless: true });
