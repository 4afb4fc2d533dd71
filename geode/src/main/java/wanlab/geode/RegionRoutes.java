package wanlab.geode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.geode.cache.EntryNotFoundException;
import org.apache.geode.cache.Region;
import org.apache.geode.internal.cache.EntryEventImpl;
import org.apache.geode.internal.cache.EventID;
import org.apache.geode.internal.cache.PartitionedRegion;
import org.apache.geode.internal.cache.PartitionedRegionHelper;
import org.apache.geode.internal.cache.versions.VersionTag;

/** Regions and entries: sizes, entries with their versions, puts, destroys, putAll, clear. */
final class RegionRoutes {
  private final Map<String, Region<String, String>> regions;
  private final Map<String, String> types;
  private final Versions versions;
  private final ThreadLanes lanes;

  RegionRoutes(Map<String, Region<String, String>> regions, Map<String, String> types, Versions versions, ThreadLanes lanes) {
    this.lanes = lanes;
    this.regions = regions;
    this.types = types;
    this.versions = versions;
  }

  void register(Map<String, Handler> h) {
    String entry = "/v1/regions/:region/entries/:key";
    h.put("GET /v1/regions", r -> list());
    h.put("GET /v1/regions/:region", r -> info(r.param("region")));
    h.put("GET /v1/regions/:region/size", r -> Json.object().put("size", region(r).size()));
    h.put("GET /v1/regions/:region/entries", this::entries);
    h.put("GET " + entry, this::get);
    h.put("PUT " + entry, this::put);
    h.put("DELETE " + entry, this::destroy);
    h.put("POST /v1/regions/:region/putAll", this::putAll);
    h.put("POST /v1/regions/:region/clear", this::clear);
  }

  private Region<String, String> region(Request r) {
    Region<String, String> region = regions.get(r.param("region"));
    if (region == null) throw ApiError.regionUnknown(r.param("region"));
    return region;
  }

  private ObjectNode list() {
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("regions");
    regions.keySet().forEach(name -> list.add(info(name)));
    return out;
  }

  private ObjectNode info(String name) {
    Region<String, String> region = regions.get(name);
    if (region == null) throw ApiError.regionUnknown(name);
    return Json.object().put("name", name).put("type", types.get(name)).put("size", region.size());
  }

  private ObjectNode entryBody(Region<String, String> region, String key) {
    String value = region.get(key);
    VersionTag<?> tag = Versions.entryTag(region, key);
    if (value == null || tag == null) return null;
    ObjectNode e = Json.object().put("key", key);
    e.set("value", Json.parse(value));
    e.set("version", versions.tag(tag));
    return e;
  }

  private JsonNode get(Request r) {
    ObjectNode e = entryBody(region(r), r.param("key"));
    if (e == null) throw ApiError.noEntry(r.param("region"), r.param("key"));
    return e;
  }

  private JsonNode entries(Request r) {
    Region<String, String> region = region(r);
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("entries");
    for (String key : region.keySet()) {
      ObjectNode e = entryBody(region, key);
      if (e != null) list.add(e);
    }
    return out;
  }

  /** A write as this member saw it: its own events, and what it knew around it. */
  private record Write(List<EntryEventImpl> events, Map<String, Boolean> existed, long threadId, long sequenceId) {}

  /**
   * Runs a write in the client's lane, noting which keys existed before and the event id Geode
   * gave it (EventID's thread-local thread and sequence): Geode calls the region's listener on
   * the member that holds the key's primary, so a write routed to another member is answered
   * from these and the entry's version instead of its event.
   */
  private Write write(Request r, Region<String, String> region, List<String> keys, AppliedLog.ThrowingRunnable op) throws Exception {
    return lanes.run(r.thread(), () -> {
      Map<String, Boolean> existed = new HashMap<>();
      for (String k : keys) existed.put(k, region.containsKey(k));
      List<EntryEventImpl> events = AppliedLog.capture(op);
      return new Write(events, existed, EventID.getThreadId(), EventID.getSequenceId());
    });
  }

  private JsonNode put(Request r) throws Exception {
    Region<String, String> region = region(r);
    String key = r.param("key");
    String value = Json.text(r.body().get("value"));
    Write w = write(r, region, List.of(key), () -> region.put(key, value));
    return result(region, key, w.events(), w);
  }

  private JsonNode destroy(Request r) throws Exception {
    Region<String, String> region = region(r);
    String key = r.param("key");
    try {
      Write w = write(r, region, List.of(key), () -> region.destroy(key));
      return result(region, key, w.events(), null);
    } catch (EntryNotFoundException e) {
      throw ApiError.noEntry(r.param("region"), key);
    }
  }

  /**
   * Geode's putAll takes a map: a request naming a key twice runs as consecutive putAlls,
   * each of distinct keys, in order; every entry gets its own event and version.
   */
  private JsonNode putAll(Request r) throws Exception {
    Region<String, String> region = region(r);
    List<Map<String, String>> chunks = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    Map<String, String> chunk = new LinkedHashMap<>();
    for (JsonNode e : r.body().get("entries")) {
      String key = e.get("key").asText();
      if (chunk.containsKey(key)) {
        chunks.add(chunk);
        chunk = new LinkedHashMap<>();
      }
      chunk.put(key, Json.text(e.get("value")));
      keys.add(key);
    }
    chunks.add(chunk);
    Write w = write(r, region, keys, () -> {
      for (Map<String, String> c : chunks) region.putAll(c);
    });
    List<EntryEventImpl> events = new ArrayList<>(w.events());
    ObjectNode out = Json.object();
    ArrayNode results = out.putArray("results");
    for (String key : keys) {
      int at = indexOf(events, key);
      results.add(result(region, key, at < 0 ? List.of() : List.of(events.remove(at)), w));
    }
    return out;
  }

  private static int indexOf(List<EntryEventImpl> events, String key) {
    for (int i = 0; i < events.size(); i++) if (key.equals(events.get(i).getKey())) return i;
    return -1;
  }

  /**
   * The write's own event, as the region's listener saw it in this thread. Geode calls the
   * listener where the entry lives: a write whose primary is on another member of the site is
   * not seen here, and the answer says so instead of inventing an event id.
   */
  private ObjectNode result(Region<String, String> region, String key, List<EntryEventImpl> events, Write write) {
    EntryEventImpl event = null;
    for (EntryEventImpl e : events) if (key.equals(e.getKey())) event = e;
    if (event == null || event.getVersionTag() == null) return elsewhere(region, key, write);
    ObjectNode out = Json.object().put("key", key).put("op", AppliedLog.op(event));
    out.set("version", versions.tag(event.getVersionTag()));
    out.set("eventId", versions.eventId(event.getEventId()));
    bucket(region, key, out);
    return out;
  }

  /** A partitioned region's key: its bucket, as Geode hashes it. */
  private static void bucket(Region<String, String> region, String key, ObjectNode out) {
    if (region instanceof PartitionedRegion pr) out.put("bucket", PartitionedRegionHelper.getHashKey(pr, key));
  }

  /**
   * A put applied on another member: its version is the entry's (read back), its event id the
   * one this thread's EventID gave it (a putAll's entries share their bulk operation's id, as
   * Geode numbers them by bucket). A destroy there leaves no version to read: refused honestly.
   */
  private ObjectNode elsewhere(Region<String, String> region, String key, Write write) {
    VersionTag<?> tag = write == null ? null : Versions.entryTag(region, key);
    if (tag == null) {
      throw new ApiError(500, "WAN_ERR_INTERNAL", "Geode applied the destroy of " + key + " on another member; its version is not visible here",
          "destroy through a member that hosts the key's primary (the geode driver's known limit)");
    }
    ObjectNode out = Json.object().put("key", key).put("op", write.existed().getOrDefault(key, false) ? "update" : "create");
    out.set("version", versions.tag(tag));
    out.set("eventId", versions.eventId(versions.localIncarnation(), write.threadId(), write.sequenceId()));
    bucket(region, key, out);
    return out;
  }

  /**
   * Geode has no member-local clear for replicated and partitioned regions: clear() empties
   * the region on every member of the site (never across sites: Geode does not send a clear
   * through gateways).
   */
  private JsonNode clear(Request r) {
    Region<String, String> region = region(r);
    int before = region.size();
    region.clear();
    return Json.object().put("cleared", before);
  }
}
