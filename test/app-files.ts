import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Every file called `name` under app/, as a path from the project root ('app/api/skus/route.ts'). */
export function findAppFiles(name: string): string[] {
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return walk(p);
      return e.name === name ? [path.relative(ROOT, p)] : [];
    });
  return walk(path.join(ROOT, 'app')).sort();
}

export const absolute = (file: string) => path.join(ROOT, file);
