/** Credit connectors: the protocol a comune's system implements, and their configuration per comune and service. */
export * from './protocol.js';
export * from './settings.js';
