package wanlab.geode;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.geode.cache.Cache;

/** Installs Geode's GatewayConflictResolver for the regions that name a resolver (next slice). */
final class Resolvers {
  private Resolvers() {}

  static void install(Cache cache, JsonNode regions) {
    for (JsonNode r : regions) {
      if (r.at("/conflict/resolver").isMissingNode()) continue;
      throw new IllegalStateException("region " + r.get("name").asText() + ": resolvers are not wired yet");
    }
  }
}
