// libs/outbound: requests to addresses users gave us (feeds, alert webhooks),
// kept off internal addresses unless ALLOWED_INTERNAL_HOSTS names them.
export * from './address-policy.js';
export * from './outbound-client.js';
