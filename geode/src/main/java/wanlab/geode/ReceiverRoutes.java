package wanlab.geode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.apache.geode.cache.wan.GatewayReceiver;
import org.apache.geode.internal.cache.InternalCacheServer;
import org.apache.geode.internal.cache.tier.sockets.CacheServerStats;
import org.apache.geode.internal.cache.wan.GatewayReceiverStats;

/** The gateway receiver: status with GatewayReceiverStats under the contract's names, start, stop. */
final class ReceiverRoutes {
  private final GatewayReceiver receiver;
  private final JsonNode planned;

  ReceiverRoutes(GatewayReceiver receiver, JsonNode planned) {
    this.receiver = receiver;
    this.planned = planned;
  }

  void register(Map<String, Handler> h) {
    h.put("GET /v1/receiver", r -> status());
    h.put("POST /v1/receiver/start", r -> start());
    h.put("POST /v1/receiver/stop", r -> stop());
  }

  private GatewayReceiver receiver() {
    if (receiver == null) throw ApiError.receiverAbsent();
    return receiver;
  }

  private JsonNode start() {
    GatewayReceiver r = receiver();
    if (r.isRunning()) throw ApiError.receiverState("the receiver is running");
    try {
      r.start();
    } catch (Exception e) {
      throw new ApiError(409, "WAN_ERR_PORT_RANGE_EXHAUSTED", "Geode could not start the receiver: " + e.getMessage(),
          "Geode refuses a port any address listens on: the receiver's proxies must be down while it starts");
    }
    return status();
  }

  private JsonNode stop() {
    GatewayReceiver r = receiver();
    if (!r.isRunning()) throw ApiError.receiverState("the receiver is stopped");
    r.stop();
    return status();
  }

  private JsonNode status() {
    GatewayReceiver r = receiver();
    ObjectNode o = Json.object().put("running", r.isRunning()).put("manualStart", r.isManualStart());
    o.put("bindAddress", planned.get("bindAddress").asText());
    if (r.isRunning()) o.put("port", r.getPort());
    o.put("startPort", r.getStartPort()).put("endPort", r.getEndPort());
    if (planned.hasNonNull("hostnameForSenders")) {
      o.putObject("advertise").put("default", planned.get("hostnameForSenders").asText() + ":" + r.getStartPort());
    }
    o.putArray("connectedSenders");
    o.set("stats", stats(r));
    return o;
  }

  private static ObjectNode stats(GatewayReceiver r) {
    ObjectNode o = Json.object();
    GatewayReceiverStats st = null;
    if (r.isRunning() && r.getServer() instanceof InternalCacheServer server && server.getAcceptor() != null) {
      CacheServerStats s = server.getAcceptor().getStats();
      if (s instanceof GatewayReceiverStats g) st = g;
    }
    long applied = st == null ? 0 : st.getCreateRequest() + st.getUpdateRequest() + st.getDestroyRequest();
    o.put("connectionsAccepted", 0).put("handshakesRefused", 0);
    o.put("batchesReceived", st == null ? 0 : st.getProcessBatchRequests());
    o.put("duplicateBatchesReceived", st == null ? 0 : st.getDuplicateBatchesReceived());
    o.put("outOfOrderBatchesReceived", st == null ? 0 : st.getOutoforderBatchesReceived());
    o.put("eventsReceived", st == null ? 0 : st.getEventsReceived());
    o.put("eventsApplied", applied).put("eventsDiscardedByConflict", 0).put("duplicatesDropped", 0);
    // Geode counts no possible duplicates: its eventsRetried counts events the receiver retried
    // after an exception (GatewayReceiverCommand.handleException), another thing.
    o.put("possibleDuplicatesReceived", 0);
    o.put("exceptions", st == null ? 0 : st.getExceptionsOccurred()).put("protocolErrors", 0);
    return o;
  }
}
