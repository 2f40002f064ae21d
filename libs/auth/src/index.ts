export * from './passwords.js';
export * from './tokens.js';
export * from './session-expiry.js';
export * from './admin-users.js';
export * from './sessions.js';
export * from './access-policy.js';
export * from './api-tokens.js';
export * from './login-backoff.js';
