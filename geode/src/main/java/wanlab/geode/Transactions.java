package wanlab.geode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.geode.cache.Cache;
import org.apache.geode.cache.CacheTransactionManager;
import org.apache.geode.cache.EntryNotFoundException;
import org.apache.geode.cache.Region;
import org.apache.geode.cache.TransactionDataNotColocatedException;
import org.apache.geode.cache.TransactionException;
import org.apache.geode.internal.cache.EntryEventImpl;
import org.apache.geode.internal.cache.versions.VersionTag;

/**
 * POST /v1/transactions (capability transactions): the operations run in one Geode transaction
 * (CacheTransactionManager begin, puts and destroys, commit) on this member, all applied or
 * none. Each operation's event is the one Geode's commit gave the region's listener (in this
 * thread, after the commit), with its version and event id.
 */
final class Transactions {
  private final Cache cache;
  private final Map<String, Region<String, String>> regions;
  private final Versions versions;
  private final ThreadLanes lanes;

  Transactions(Cache cache, Map<String, Region<String, String>> regions, Versions versions, ThreadLanes lanes) {
    this.cache = cache;
    this.regions = regions;
    this.versions = versions;
    this.lanes = lanes;
  }

  void register(Map<String, Handler> h) {
    h.put("POST /v1/transactions", this::commit);
  }

  private record Op(String kind, String region, String key, String value) {}

  private JsonNode commit(Request r) throws Exception {
    List<Op> ops = new ArrayList<>();
    Set<String> written = new HashSet<>();
    for (JsonNode o : r.body().get("operations")) {
      String region = o.get("region").asText();
      if (!regions.containsKey(region)) throw ApiError.regionUnknown(region);
      Op op = new Op(o.get("op").asText(), region, o.get("key").asText(), o.has("value") ? Json.text(o.get("value")) : null);
      if (!written.add(region + "\u0000" + op.key())) throw repeated(op, ops.size());
      ops.add(op);
    }
    return lanes.run(r.thread(), () -> run(ops));
  }

  /**
   * Geode's TXState keeps one pending operation per key (a put then a destroy of a new key
   * commits as nothing): there is no event per operation to answer, so such a transaction is
   * refused before it begins (capability transaction-repeated-keys, which this driver lacks).
   */
  private static ApiError repeated(Op op, int index) {
    return new ApiError(400, "WAN_ERR_BAD_REQUEST",
        "operations[" + index + "] writes \"" + op.key() + "\" in region \"" + op.region() + "\" again; a Geode transaction commits one operation per key, so it has no event for each",
        "write each key once per transaction on the geode engine; nothing was applied");
  }

  private ObjectNode run(List<Op> ops) throws Exception {
    CacheTransactionManager tx = cache.getCacheTransactionManager();
    String[] id = new String[1];
    List<EntryEventImpl> events = AppliedLog.capture(() -> {
      tx.begin();
      try {
        id[0] = String.valueOf(tx.getTransactionId());
        for (int i = 0; i < ops.size(); i++) apply(ops.get(i), i);
        tx.commit();
      } finally {
        if (tx.exists()) tx.rollback();
      }
    });
    ObjectNode out = Json.object().put("transactionId", id[0]);
    ArrayNode list = out.putArray("events");
    for (Op op : ops) list.add(event(op, events));
    return out;
  }

  private void apply(Op op, int index) {
    Region<String, String> region = regions.get(op.region());
    try {
      if (op.kind().equals("put")) region.put(op.key(), op.value());
      else region.destroy(op.key());
    } catch (EntryNotFoundException e) {
      throw new ApiError(400, "WAN_ERR_BAD_REQUEST",
          "operations[" + index + "] destroys \"" + op.key() + "\" in region \"" + op.region() + "\", which has no entry there",
          "nothing was applied; remove the destroy or put the entry first");
    } catch (TransactionDataNotColocatedException e) {
      throw new ApiError(400, "WAN_ERR_BAD_REQUEST", "Geode refused the transaction: " + e.getMessage(),
          "a Geode transaction on a partitioned region takes keys of one bucket on this member; nothing was applied");
    } catch (TransactionException e) {
      throw new ApiError(400, "WAN_ERR_BAD_REQUEST", "Geode refused the transaction: " + e.getMessage(),
          "nothing was applied");
    }
  }

  /** The operation's event: the last one the commit gave this thread's listener for its key. */
  private ObjectNode event(Op op, List<EntryEventImpl> events) {
    EntryEventImpl found = null;
    for (EntryEventImpl e : events) {
      if (op.key().equals(e.getKey()) && op.region().equals(e.getRegion().getName())) found = e;
    }
    VersionTag<?> tag = found == null ? null : found.getVersionTag();
    if (tag == null) {
      throw new ApiError(500, "WAN_ERR_INTERNAL",
          "Geode committed the transaction, but this member's listener saw no versioned event for " + op.region() + "/" + op.key(),
          "commit transactions on a member hosting the keys' primaries (the geode driver's known limit)");
    }
    ObjectNode e = Json.object().put("region", op.region()).put("key", op.key()).put("op", AppliedLog.op(found));
    e.set("version", versions.tag(tag));
    e.set("eventId", versions.eventId(found.getEventId()));
    return e;
  }
}
