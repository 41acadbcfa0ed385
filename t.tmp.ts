import { PGlite } from '@electric-sql/pglite';
const c = new PGlite();
await c.exec('create table x(a int); insert into x values (1);');
for (const comp of ['gzip','none'] as const) {
  const dump = await c.dumpDataDir(comp);
  const c2 = new PGlite({ loadDataDir: dump });
  console.log(comp, dump.type, (await c2.query("select count(*) from information_schema.tables where table_schema='public'")).rows);
  const c3 = new PGlite('memory://', { loadDataDir: dump });
  console.log(comp, 'memory://', (await c3.query("select count(*) from information_schema.tables where table_schema='public'")).rows);
}
