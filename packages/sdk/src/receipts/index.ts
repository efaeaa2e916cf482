/** @pay-box/sdk/receipts: receipt content and the 58/80 mm text renderer, re-exported from @pay-box/contract/receipts. */
export * from '@pay-box/contract/receipts';
