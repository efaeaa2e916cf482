/**
 * @pay-box/engine/demo: the demo data, one source for the reference server's first start and the
 * SDK's mock, so a POS tested offline meets the same comune, services, shops and credits.
 */
export * from './data.js';
