import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The layer rule in eslint.config.mjs, run through ESLint's own API on one-line files placed in
// each folder: a wrong-way import must be refused in every form it can be written in.
const root = path.resolve(import.meta.dirname, '..');
const LAYERS = 'import/no-restricted-paths';

let eslint: ESLint;
beforeAll(() => {
  // no-unresolved too: the layer rule silently passes an import it cannot resolve, so every probe
  // must resolve for an "allowed" answer to mean anything.
  eslint = new ESLint({ cwd: root, overrideConfig: { rules: { 'import/no-unresolved': 'error' } } });
});

async function lint(file: string, code: string) {
  const [result] = await eslint.lintText(`${code}\n`, { filePath: path.join(root, file) });
  const messages = result.messages.filter((m) => m.ruleId === LAYERS || m.ruleId === 'import/no-unresolved' || m.fatal);
  expect(messages.filter((m) => m.ruleId !== LAYERS), `${file}: ${code}`).toEqual([]);
  return messages.map((m) => m.message);
}

const refused: [string, string, RegExp][] = [
  ['db/__probe.ts', "import { DomainError } from '@/lib/errors';\nexport { DomainError };", /db\/ imports nothing of ours/],
  ['db/__probe.ts', "import { DomainError } from '../lib/errors';\nexport { DomainError };", /db\/ imports nothing of ours/],
  ['db/__probe.ts', "export { DomainError } from '@/lib/errors';", /db\/ imports nothing of ours/],
  ['db/__probe.ts', "export const load = () => import('@/lib/errors');", /db\/ imports nothing of ours/],
  ['db/__probe.ts', "import type { Health } from '@/lib/health';\nexport type H = Health;", /db\/ imports nothing of ours/],
  ['lib/__probe.ts', "import { GET } from '@/app/api/health/route';\nexport { GET };", /lib\/ may import only lib\/ and db\//],
  ['lib/__probe.ts', "import { startJobs } from '@/jobs';\nexport { startJobs };", /lib\/ may import only lib\/ and db\//],
  ['lib/__probe.ts', "import { startSandbox } from '@/sandbox/index';\nexport { startSandbox };", /lib\/ may import only/],
  ['app/__probe.ts', "import { sql } from 'drizzle-orm';\nexport { sql };", /No SQL and no jobs in app\//],
  ['app/__probe.ts', "import { products } from '@/db/schema';\nexport { products };", /Only the handle from '@\/db'/],
  ['app/__probe.ts', "import { openDefault } from '@/db/client';\nexport { openDefault };", /Only the handle from '@\/db'/],
  ['app/__probe.ts', "import { startJobs } from '@/jobs';\nexport { startJobs };", /No SQL and no jobs in app\//],
  ['components/__probe.tsx', "import { getDb } from '@/db';\nexport { getDb };", /components\/ may import only lib\//],
  ['jobs/__probe.ts', "import { jobRuns } from '@/db/schema';\nexport { jobRuns };", /Only the handle from '@\/db'/],
  ['sandbox/__probe.ts', "import { createSpApiClient } from '../lib/fba/sp-api/client';\nexport { createSpApiClient };", /shares only Amazon's payload schemas/],
  // Tests keep their folder's direction: an action's test lives beside it in app/.
  ['lib/__probe.test.ts', "import { GET } from '@/app/api/health/route';\nexport { GET };", /lib\/ may import only lib\/ and db\//],
];

const allowed: [string, string][] = [
  ['lib/__probe.ts', "import { products } from '@/db/schema';\nimport { rowsOf } from '@/db/driver';\nexport { products, rowsOf };"],
  ['app/__probe.ts', "import { getDb, type Db } from '@/db';\nimport { checkHealth } from '@/lib/health';\nexport { getDb, checkHealth, type Db };"],
  ['components/__probe.tsx', "import type { ActionState } from '@/lib/action';\nexport type S = ActionState;"],
  ['jobs/__probe.ts', "import type { Db } from '@/db';\nimport { runJob } from '@/lib/jobs/run-job';\nexport { runJob, type Db };"],
  ['sandbox/__probe.ts', "import { SP_API_OPERATIONS } from '../lib/fba/sp-api/models/operations';\nexport { SP_API_OPERATIONS };"],
  ['app/__probe.test.ts', "import { eq } from 'drizzle-orm';\nimport { products } from '@/db/schema';\nimport { signInAs } from '@/test/session';\nexport { eq, products, signInAs };"],
  ['lib/__probe.test.ts', "import { startSandbox } from '@/sandbox/index';\nimport { createTestDb } from '@/test/db';\nexport { startSandbox, createTestDb };"],
  ['scripts/__probe.ts', "import { openDefault } from '@/db/client';\nimport { startJobs } from '@/jobs';\nimport { startSandbox } from '@/sandbox/index';\nexport { openDefault, startJobs, startSandbox };"],
];

describe('lint: layers point one way', () => {
  it.each(refused)('refuses in %s: %s', async (file, code, why) => {
    const messages = await lint(file, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(why);
  });

  it.each(allowed)('allows in %s: %s', async (file, code) => {
    expect(await lint(file, code)).toEqual([]);
  });
});

describe('lint: links are @/components/ui/link, never next/link', () => {
  const restricted = async (file: string) => {
    const [result] = await eslint.lintText("import Link from 'next/link';\nexport { Link };\n", { filePath: path.join(root, file) });
    return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  };
  it.each(['app/__probe.tsx', 'components/__probe.tsx', 'components/ui/link.tsx'])('refuses next/link in %s', async (file) => {
    expect(await restricted(file)).toEqual([expect.stringMatching(/@\/components\/ui\/link/)]);
  });
});

describe('lint: a button that works through the page’s script is ScriptButton', () => {
  const messages = async (file: string, jsx: string) => {
    const [result] = await eslint.lintText(`export const B = () => ${jsx};\n`, { filePath: path.join(root, file) });
    return result.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
  };
  it.each([
    ['app/__probe.tsx', '<button type="button" onClick={() => {}}>Copy from Pack</button>'],
    ['components/__probe.tsx', '<button onClick={() => {}}>Add line</button>'],
  ])('refuses in %s: %s', async (file, jsx) => {
    expect(await messages(file, jsx)).toEqual([expect.stringMatching(/ScriptButton/)]);
  });
  it.each([
    ['app/__probe.tsx', '<button type="submit">Authorise</button>'],
    ['components/__probe.tsx', '<ScriptButton onClick={() => {}}>Copy from Pack</ScriptButton>'],
    ['components/ui/script-controls.tsx', '<button type="button" />'],
  ])('allows in %s: %s', async (file, jsx) => {
    expect(await messages(file, jsx)).toEqual([]);
  });
});
