package wanlab.geode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.apache.geode.cache.Cache;
import org.apache.geode.cache.wan.GatewaySender;
import org.apache.geode.internal.cache.wan.AbstractGatewaySender;
import org.apache.geode.internal.cache.wan.GatewaySenderEventDispatcher;
import org.apache.geode.internal.cache.wan.GatewaySenderStats;

/**
 * Gateway senders: status with Geode's GatewaySenderStats under the contract's names and
 * units, pause, resume, stop, start, and alter (Geode's runtime setters). Statistics Geode
 * does not count are 0 (docs/architecture.md, "The Geode driver", lists them).
 */
final class SenderRoutes {
  private final Cache cache;
  /** Each sender's planned definition, by id (the contract's attribute names). */
  private final Map<String, ObjectNode> planned;

  SenderRoutes(Cache cache, Map<String, ObjectNode> planned) {
    this.cache = cache;
    this.planned = planned;
  }

  void register(Map<String, Handler> h) {
    String one = "/v1/senders/:id";
    h.put("GET /v1/senders", r -> list());
    h.put("GET " + one, r -> status(sender(r)));
    h.put("PATCH " + one, this::alter);
    h.put("POST " + one + "/pause", r -> act(r, GatewaySender::pause));
    h.put("POST " + one + "/resume", r -> act(r, GatewaySender::resume));
    h.put("POST " + one + "/stop", r -> act(r, this::stop));
    h.put("POST " + one + "/start", r -> act(r, GatewaySender::start));
  }

  private GatewaySender sender(Request r) {
    GatewaySender s = cache.getGatewaySender(r.param("id"));
    if (s == null || !planned.containsKey(s.getId())) throw ApiError.senderUnknown(r.param("id"));
    return s;
  }

  private JsonNode list() {
    ObjectNode out = Json.object();
    var list = out.putArray("senders");
    for (String id : planned.keySet()) {
      GatewaySender s = cache.getGatewaySender(id);
      if (s != null) list.add(status(s));
    }
    return out;
  }

  private interface Action {
    void apply(GatewaySender sender);
  }

  private JsonNode act(Request r, Action action) {
    GatewaySender s = sender(r);
    action.apply(s);
    return status(s);
  }

  /**
   * Geode's maximum shutdown wait is one JVM-wide value (AbstractGatewaySender's public
   * MAXIMUM_SHUTDOWN_WAIT_TIME, seconds), read when a sender stops: each stop sets it to the
   * stopping sender's maximumShutdownWaitS first, one stop at a time.
   */
  private void stop(GatewaySender s) {
    synchronized (SenderRoutes.class) {
      AbstractGatewaySender.MAXIMUM_SHUTDOWN_WAIT_TIME = planned.get(s.getId()).get("maximumShutdownWaitS").asInt();
      s.stop();
    }
  }

  private JsonNode alter(Request r) {
    AbstractGatewaySender s = (AbstractGatewaySender) sender(r);
    JsonNode b = r.body();
    if (b.has("batchSize")) s.setBatchSize(b.get("batchSize").asInt());
    if (b.has("batchTimeIntervalMs")) s.setBatchTimeInterval(b.get("batchTimeIntervalMs").asInt());
    if (b.has("alertThresholdMs")) s.setAlertThreshold(b.get("alertThresholdMs").asInt());
    if (b.has("groupTransactionEvents")) {
      try {
        s.setGroupTransactionEvents(b.get("groupTransactionEvents").asBoolean());
      } catch (RuntimeException e) {
        throw new ApiError(400, "WAN_ERR_CONFIG_INVALID", "Geode refused: " + e.getMessage(), "see Geode's rules for group-transaction-events");
      }
    }
    return status(s);
  }

  ObjectNode status(GatewaySender s) {
    AbstractGatewaySender a = (AbstractGatewaySender) s;
    ObjectNode out = Json.object().put("id", s.getId()).put("remoteDistributedSystemId", s.getRemoteDSId());
    out.put("parallel", s.isParallel());
    String state = !s.isRunning() ? "stopped" : s.isPaused() ? "paused" : "running";
    out.put("state", state).put("running", s.isRunning()).put("paused", s.isPaused());
    out.put("primary", s.isParallel() || a.isPrimary());
    out.put("connected", connected(a));
    String receiver = Dispatchers.receiver(a);
    if (receiver != null) out.put("receiver", receiver);
    GatewaySenderStats st = a.getStatistics();
    int size = s.isRunning() ? a.getEventQueueSize() : 0;
    ObjectNode queue = out.putObject("queue");
    QueueFigures.fill(queue, a, size);
    queue.put("eventsConflated", st.getEventsNotQueuedConflated());
    out.set("stats", stats(st, QueueFigures.overflowed(a)));
    out.putArray("dispatchers");
    out.set("attributes", attributes(s));
    out.putArray("recentFailures");
    if (!s.getGatewayEventFilters().isEmpty()) Filters.report(s, out.putArray("filters"));
    return out;
  }

  private static boolean connected(AbstractGatewaySender a) {
    return Dispatchers.of(a).stream().anyMatch(GatewaySenderEventDispatcher::isConnectedToRemote);
  }

  private static ObjectNode stats(GatewaySenderStats st, long overflowed) {
    ObjectNode o = Json.object();
    double timeMs = st.getBatchDistributionTime() / 1_000_000.0;
    int acked = st.getBatchesDistributed();
    o.put("eventsReceived", st.getEventsReceived()).put("eventsQueued", st.getEventsQueued());
    o.put("eventsNotQueued", st.getEventsNotQueued()).put("eventsDistributed", st.getEventsDistributed());
    o.put("eventsFailed", 0).put("eventsExceedingAlertThreshold", st.getEventsExceedingAlertThreshold());
    o.put("eventsFiltered", st.getEventsFiltered());
    // Geode keeps a failed event in no retry count and removes no event for its size alone.
    o.put("eventsRetried", 0).put("eventsTooLarge", 0);
    o.put("batchesResized", st.getBatchesResized());
    o.put("batchesDispatched", acked + st.getBatchesRedistributed()).put("batchesAcknowledged", acked);
    o.put("batchesRedistributed", st.getBatchesRedistributed());
    o.put("batchesWithIncompleteTransactions", st.getBatchesWithIncompleteTransactions());
    o.put("connectAttempts", 0).put("connectFailures", 0);
    o.put("batchDistributionTimeMs", timeMs).put("eventsConflated", st.getEventsNotQueuedConflated());
    o.put("eventsOverflowedToDisk", overflowed);
    o.put("averageBatchDistributionTimeMs", acked == 0 ? 0 : timeMs / acked);
    return o;
  }

  /** The planned definition, with the alterable attributes as the running sender has them. */
  private ObjectNode attributes(GatewaySender s) {
    ObjectNode a = planned.get(s.getId()).deepCopy();
    a.put("batchSize", s.getBatchSize()).put("batchTimeIntervalMs", s.getBatchTimeInterval());
    a.put("alertThresholdMs", s.getAlertThreshold()).put("groupTransactionEvents", s.mustGroupTransactionEvents());
    return a;
  }
}
