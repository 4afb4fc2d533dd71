package wanlab.geode;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.apache.geode.cache.EntryEvent;
import org.apache.geode.cache.util.CacheListenerAdapter;
import org.apache.geode.internal.cache.BucketRegion;
import org.apache.geode.internal.cache.EntryEventImpl;
import org.apache.geode.internal.cache.PartitionedRegion;
import org.apache.geode.internal.cache.PartitionedRegionHelper;
import org.apache.geode.internal.cache.versions.VersionTag;
import org.apache.geode.internal.cache.wan.GatewaySenderEventCallbackArgument;

/**
 * A region listener recording every event this member applied, with its version (the
 * applied-event log, GET /v1/events), and handing the control API the events of its own
 * writes: Geode calls listeners of a local operation in the thread that made it.
 */
final class AppliedLog extends CacheListenerAdapter<String, String> {
  private static final int LIMIT = 100_000;
  private static final ThreadLocal<List<EntryEventImpl>> CAPTURE = new ThreadLocal<>();

  private final Versions versions;
  private final int dsid;
  private final Map<String, List<Integer>> recipientsByRegion;
  private final Deque<ObjectNode> log = new ArrayDeque<>();
  private long lastSeq;
  private long dropped;

  AppliedLog(Versions versions, int dsid, Map<String, List<Integer>> recipientsByRegion) {
    this.versions = versions;
    this.dsid = dsid;
    this.recipientsByRegion = recipientsByRegion;
  }

  /** Runs a write and answers the events this thread applied meanwhile, in order. */
  static List<EntryEventImpl> capture(ThrowingRunnable write) throws Exception {
    List<EntryEventImpl> events = new ArrayList<>();
    CAPTURE.set(events);
    try {
      write.run();
    } finally {
      CAPTURE.remove();
    }
    return events;
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  @Override public void afterCreate(EntryEvent<String, String> e) { record(e); }
  @Override public void afterUpdate(EntryEvent<String, String> e) { record(e); }
  @Override public void afterDestroy(EntryEvent<String, String> e) { record(e); }

  private void record(EntryEvent<String, String> e) {
    if (!(e instanceof EntryEventImpl event)) return;
    List<EntryEventImpl> capture = CAPTURE.get();
    if (capture != null) capture.add(event);
    ObjectNode applied = applied(event);
    synchronized (this) {
      applied.put("seq", ++lastSeq);
      log.addLast(applied);
      if (log.size() > LIMIT) {
        log.removeFirst();
        dropped++;
      }
    }
  }

  static String op(EntryEventImpl e) {
    if (e.getOperation().isDestroy()) return "destroy";
    return e.getOperation().isCreate() ? "create" : "update";
  }

  private ObjectNode applied(EntryEventImpl e) {
    ObjectNode a = Json.object();
    a.put("appliedAtMs", System.currentTimeMillis());
    Object raw = e.getRawCallbackArgument();
    GatewaySenderEventCallbackArgument gateway = raw instanceof GatewaySenderEventCallbackArgument g ? g : null;
    a.put("source", gateway == null ? "local" : "remote");
    VersionTag<?> tag = e.getVersionTag();
    if (gateway != null && tag != null) a.put("fromDsid", tag.getDistributedSystemId());
    if (gateway == null && e.isOriginRemote() && e.getDistributedMember() != null) a.put("viaMember", e.getDistributedMember().getName());
    ObjectNode ev = Json.object();
    ev.put("region", e.getRegion().getName()).put("key", String.valueOf(e.getKey())).put("op", op(e));
    Object value = e.getNewValue();
    if (!e.getOperation().isDestroy() && value instanceof String text) ev.set("value", Json.parse(text));
    if (tag != null) ev.set("version", versions.tag(tag));
    ev.set("id", versions.eventId(e.getEventId()));
    ev.put("originDsid", gateway == null ? dsid : gateway.getOriginatingDSId());
    ArrayNode recipients = ev.putArray("recipients");
    if (gateway != null) gateway.getRecipientDSIds().forEach((int id) -> recipients.add(id));
    else recipientsByRegion.getOrDefault(e.getRegion().getName(), List.of()).forEach(recipients::add);
    ev.put("possibleDuplicate", e.isPossibleDuplicate());
    ev.put("createdAtMs", tag != null ? tag.getVersionTimeStamp() : System.currentTimeMillis());
    // A partitioned region's event names its bucket, as Geode hashes the key (the per-bucket
    // order of SEND-7 is judged per member, thread and bucket).
    if (e.getRegion() instanceof BucketRegion bucket) ev.put("bucket", bucket.getId());
    else if (e.getRegion() instanceof PartitionedRegion pr) ev.put("bucket", PartitionedRegionHelper.getHashKey(pr, e.getKey()));
    a.set("event", ev);
    return a;
  }

  synchronized ObjectNode page(long after, int limit) {
    ObjectNode page = Json.object();
    ArrayNode events = page.putArray("events");
    for (ObjectNode a : log) {
      if (a.get("seq").asLong() <= after) continue;
      if (events.size() >= limit) break;
      if (a.has("event") && a.get("event").has("version")) events.add(a);
    }
    page.put("lastSeq", lastSeq).put("dropped", dropped);
    return page;
  }
}
