package wanlab.geode;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.geode.cache.Cache;
import org.apache.geode.cache.util.GatewayConflictHelper;
import org.apache.geode.cache.util.GatewayConflictResolver;
import org.apache.geode.cache.util.TimestampedEntryEvent;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import wanlab.geode.resolvers.PreferSite;
import wanlab.geode.resolvers.Resolver;
import wanlab.geode.resolvers.UnionMerge;
import wanlab.geode.resolvers.Verdict;
import wanlab.geode.resolvers.WanConflict;

/**
 * Geode's GatewayConflictResolver (one per cache) handing each region's conflicts to the Java
 * equivalent of the resolver module its topology names (by file name). A resolver that throws
 * is Geode's to handle (it applies its default rule, whatever the region's onResolverError).
 */
final class Resolvers implements GatewayConflictResolver {
  private static final Logger LOG = LogManager.getLogger(Resolvers.class);

  /** The Java equivalents, by the module's file name without its extension. */
  static final Map<String, Function<JsonNode, Resolver>> KNOWN = Map.of(
      "prefer-site", PreferSite::new,
      "union-merge", UnionMerge::new);

  private record Bound(Resolver resolver) {}

  private final Map<String, Bound> byRegion = new HashMap<>();

  static void install(Cache cache, JsonNode regions) {
    Resolvers resolvers = new Resolvers();
    for (JsonNode r : regions) {
      JsonNode spec = r.at("/conflict/resolver");
      if (spec.isMissingNode()) continue;
      String file = Path.of(spec.get("module").asText()).getFileName().toString();
      String name = file.replaceFirst("\\.[^.]+$", "");
      Function<JsonNode, Resolver> factory = KNOWN.get(name);
      if (factory == null) throw new IllegalArgumentException("region " + r.get("name").asText() + ": no Java equivalent of resolver " + file + " (known: " + KNOWN.keySet() + ")");
      resolvers.byRegion.put(r.get("name").asText(), new Bound(factory.apply(spec.path("options"))));
    }
    if (!resolvers.byRegion.isEmpty()) cache.setGatewayConflictResolver(resolvers);
  }

  @Override
  public void onEvent(TimestampedEntryEvent event, GatewayConflictHelper helper) {
    Bound bound = byRegion.get(event.getRegion().getName());
    if (bound == null) return;
    WanConflict conflict = conflictOf(event);
    Verdict verdict;
    try {
      verdict = bound.resolver().resolve(conflict);
    } catch (RuntimeException e) {
      // Geode decides what a throwing resolver means (it falls back to its default rule):
      // the engine under test answers, not this program.
      LOG.error("the resolver of region " + conflict.region() + " failed on key " + conflict.key(), e);
      throw e;
    }
    if (verdict.kind().equals("disallow")) helper.disallowEvent();
    else if (verdict.kind().equals("change")) helper.changeEventValue(Json.text(verdict.value()));
  }

  private static WanConflict conflictOf(TimestampedEntryEvent e) {
    boolean allow = e.getNewTimestamp() > e.getOldTimestamp()
        || (e.getNewTimestamp() == e.getOldTimestamp() && e.getNewDistributedSystemID() > e.getOldDistributedSystemID());
    String operation = e.getOperation().isDestroy() ? "destroy" : e.getOperation().isCreate() ? "create" : "update";
    Object oldValue = e.getOldValue();
    Object newValue = e.getNewValue();
    return new WanConflict(e.getRegion().getName(), String.valueOf(e.getKey()), operation,
        oldValue instanceof String s ? Json.parse(s) : null, oldValue == null,
        newValue instanceof String s ? Json.parse(s) : null,
        e.getOldTimestamp(), e.getNewTimestamp(), e.getOldDistributedSystemID(), e.getNewDistributedSystemID(), allow);
  }
}
