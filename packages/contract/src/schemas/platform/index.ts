/** The platform API (`/v1/platform/*`): the payment institution's staff onboard comuni, shops and terminals. */
export * from './onboarding.js';
export * from './services-file.js';
