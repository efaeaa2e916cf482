/**
 * @pay-box/engine/demo: the demo data, one source for the reference server's first start and the
 * SDK's mock, so a POS tested offline meets the same comune, services, shops and credits.
 */
export * from './data.js';
export { DEMO_HISTORY_DAYS, DEMO_HISTORY_PAYMENTS, demoHistory } from './history.js';
