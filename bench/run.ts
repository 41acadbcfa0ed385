// npm run bench — every benchmark in bench/, one after another (they measure time: never in parallel).
import { benchAmazonOrders } from './amazon-orders';
import { benchApi } from './api';
import { benchShipAuthorise } from './ship-authorise';
import { benchFoTracking } from './fo-tracking';
import { benchLabels } from './labels';
import { benchLoad } from './load';
import { benchSpApiThrottle } from './sp-api-throttle';
import { benchStocktakeSync } from './stocktake-sync';
import { benchWebhooks } from './webhooks';

const benches: [string, () => Promise<unknown>][] = [
  ['sp-api-throttle', benchSpApiThrottle],
  ['stocktake-sync', () => benchStocktakeSync()],
  ['ship-authorise', () => benchShipAuthorise()],
  ['fo-tracking', benchFoTracking],
  ['labels', () => benchLabels()],
  ['amazon-orders', () => benchAmazonOrders()],
  ['load', benchLoad],
  ['api', benchApi],
  ['webhooks', () => benchWebhooks()],
];

let failed = 0;
for (const [name, run] of benches) {
  console.log(`\n== ${name}`);
  try {
    await run();
  } catch (e) {
    failed += 1;
    console.error(`${name} failed:`, e instanceof Error ? e.message : e);
  }
}
process.exit(failed > 0 ? 1 : 0);
