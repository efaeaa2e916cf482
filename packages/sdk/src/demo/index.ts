/**
 * @pay-box/sdk/demo: the demo data (re-exported from @pay-box/engine/demo), one source for the
 * reference server's first start and the SDK's mock, so a POS tested offline meets the same comune,
 * services, shops and credits as on the demo server.
 */
export * from '@pay-box/engine/demo';
