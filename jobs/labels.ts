import type { Db } from '@/db';
import { drainLabelDocuments } from '@/lib/labels/documents';
import type { DrainSpec } from './types';

/**
 * Label PDFs queued by pages (box, shipping and product labels), every 2 s. Awaited: the next tick
 * waits for this one (startJobs' busy flag); other workers claim other documents by compare-and-set.
 */
export const labelDrains: DrainSpec[] = [{ name: 'fba.labels', everyMs: 2000, run: (db: Db) => drainLabelDocuments(db) }];
