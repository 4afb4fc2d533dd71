package wanlab.geode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.geode.cache.wan.GatewayEventFilter;
import org.apache.geode.cache.wan.GatewaySender;
import wanlab.geode.filters.CountAcks;
import wanlab.geode.filters.DropPrefix;
import wanlab.geode.filters.ModuleFilter;

/**
 * The Java equivalents of wanlab's example event filter modules, by file name (as Resolvers
 * does for conflict resolvers), and their counters in a sender's status (`filters`).
 */
final class Filters {
  static final Map<String, BiFunction<String, JsonNode, ModuleFilter>> KNOWN = Map.of(
      "drop-prefix", DropPrefix::new,
      "count-acks", (module, options) -> new CountAcks(module));

  private Filters() {}

  /** The sender's filters, in order; an unknown module is a configuration error. */
  static List<GatewayEventFilter> of(JsonNode sender) {
    List<GatewayEventFilter> filters = new ArrayList<>();
    for (JsonNode spec : sender.path("eventFilters")) {
      String module = spec.get("module").asText();
      String name = Path.of(module).getFileName().toString().replaceFirst("\\.[^.]+$", "");
      BiFunction<String, JsonNode, ModuleFilter> factory = KNOWN.get(name);
      if (factory == null) {
        throw new IllegalArgumentException("sender " + sender.get("id").asText() + ": no Java equivalent of event filter " + module + " (known: " + KNOWN.keySet() + ")");
      }
      filters.add(factory.apply(module, spec.path("options")));
    }
    return filters;
  }

  static void report(GatewaySender sender, ArrayNode out) {
    for (GatewayEventFilter filter : sender.getGatewayEventFilters()) {
      if (!(filter instanceof ModuleFilter m)) continue;
      var entry = out.addObject().put("module", m.module()).put("errors", 0);
      var stats = entry.putObject("stats");
      m.stats().forEach(stats::put);
    }
  }
}
