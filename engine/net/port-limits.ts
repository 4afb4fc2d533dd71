import type { Server } from 'node:net';
import { ByteBudget } from './frame-codec.js';

/**
 * Limits every listening port of a site applies to whoever connects (issue 17), so that a
 * local process cannot exhaust a member or a locator:
 * - CONNECTIONS_PER_PORT_MAX: connections open at once on one port; more are closed at once
 *   (counted, logged). A site's own traffic needs far fewer: a receiver gets one connection
 *   per dispatcher of each remote sender member; a locator one per request in flight.
 * - PARTIAL_FRAME_STALL_MS: a frame begun must keep arriving; a connection that sends no
 *   byte of it for this long is closed, and the bytes it held are released.
 * - unfinished frames of all connections of a port together: PORT_BUFFER_FRAMES (times the
 *   port's maxFrameBytes, as each port decodes them): beyond, the connection that asks for
 *   more is closed and its bytes released.
 */
export const PORT_BUFFER_FRAMES = 2;

/** The budget of unfinished frames of one listening port. */
export function portBudget(maxFrameBytes: number): ByteBudget {
  return new ByteBudget(PORT_BUFFER_FRAMES * maxFrameBytes);
}
export const CONNECTIONS_PER_PORT_MAX = 512;
export const PARTIAL_FRAME_STALL_MS = 30_000;

/** Caps `server` at `connectionsMax`; `onDrop` hears of each connection refused for it. */
export function limitConnections(
  server: Server,
  onDrop: (remote: string) => void,
  connectionsMax = CONNECTIONS_PER_PORT_MAX,
): void {
  server.maxConnections = connectionsMax;
  server.on('drop', (data?: { remoteAddress?: string; remotePort?: number }) =>
    onDrop(`${data?.remoteAddress ?? '?'}:${data?.remotePort ?? '?'}`),
  );
}
