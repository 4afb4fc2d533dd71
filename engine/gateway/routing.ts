import { changedEvent, type RegionEvent } from '../region/region-event.js';

/** What routing needs of a sender. */
export interface RouteTarget {
  readonly remoteDsid: number;
  isRunning(): boolean;
}

export interface RouteDecision<T extends RouteTarget> {
  event: RegionEvent;
  send: T[];
  skip: T[];
  /** Stopped senders the event would otherwise go through: a parallel one drops it (STOP-4). */
  stopped: T[];
}

/**
 * DIST-1, DIST-2, after Geode's AbstractGatewaySender.distribute: an event goes through every
 * running sender of its region except to its origin site and to sites it was already sent
 * to; the sites it is now sent to are added to its recipients. A forwarding site does not add
 * itself (seed 003: "a DML event does not record the ID of the sites that receive it").
 */
export function routeEvent<T extends RouteTarget>(
  event: RegionEvent,
  senders: readonly T[],
): RouteDecision<T> {
  const running = senders.filter((sender) => sender.isRunning());
  const alreadySent = new Set(event.recipients);
  const eligible = senders.filter(
    (sender) => sender.remoteDsid !== event.originDsid && !alreadySent.has(sender.remoteDsid),
  );
  const send = eligible.filter((sender) => sender.isRunning());
  const stopped = eligible.filter((sender) => !sender.isRunning());
  const skip = senders.filter((sender) => !send.includes(sender));
  const recipients = [...new Set([...event.recipients, ...running.map((s) => s.remoteDsid)])];
  recipients.sort((a, b) => a - b);
  return { event: changedEvent(event, { recipients }), send, skip, stopped };
}
