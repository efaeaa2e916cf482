export * from './result.js';
export * from './notice-number.js';
export * from './qr.js';
export * from './fiscal-code.js';
export * from './iban.js';
export * from './masking.js';
export * from './money.js';
