/**
 * The contract between the harness and any engine: the control API (routes, request and
 * response schemas, OpenAPI), the error codes, the statistics with their units, the sender
 * attributes, the shared configuration rules, the capabilities an engine may lack, and the
 * engine-neutral site plan a driver turns into processes. It imports neither engine/ nor
 * harness/; both import it.
 */
export * from './capabilities.js';
export * from './config-rules.js';
export * from './colocation-rules.js';
export * from './conflict-settings.js';
export * from './control-api/index.js';
export * from './errors.js';
export * from './json.js';
export * from './limits.js';
export * from './region-definition.js';
export * from './sender-attributes.js';
export * from './site-compat.js';
export * from './statistics.js';
export * from './site-plan.js';
export * from './site-credentials.js';
export * from './resolver-api.js';
export * from './event-filter-api.js';
export * from './schema-bounds.js';
export * from './value-limits.js';
export * from './transport.js';
