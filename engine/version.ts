/** Identity of this engine, reported by every control API so a report can name its column. */
export const ENGINE_NAME = 'wanlab-engine';
export const ENGINE_VERSION = '0.1.0';
/** Bumped whenever a frame or message shape changes; checked in every handshake. */
export const WIRE_PROTOCOL_VERSION = 3;
/** The control API version this engine implements is the contract's. */
export { CONTROL_API_VERSION } from '../contract/control-api/health.js';
