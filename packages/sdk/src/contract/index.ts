/** @pay-box/sdk/contract: the API contract (schemas, error codes, domain helpers), re-exported from @pay-box/contract. */
export * from '@pay-box/contract';
