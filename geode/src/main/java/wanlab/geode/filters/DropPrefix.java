package wanlab.geode.filters;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.geode.cache.wan.GatewayQueueEvent;

/** topologies/filters/drop-prefix.ts: leaves out keys starting with one of `prefixes`. */
public final class DropPrefix implements ModuleFilter {
  private final String module;
  private final List<String> prefixes = new ArrayList<>();
  private final boolean atEnqueue;
  private final AtomicLong dropped = new AtomicLong();

  public DropPrefix(String module, JsonNode options) {
    this.module = module;
    for (JsonNode p : options.path("prefixes")) prefixes.add(p.asText());
    if (prefixes.isEmpty()) throw new IllegalArgumentException("options.prefixes must be a list of non-empty strings");
    String stage = options.path("stage").asText("enqueue");
    if (!stage.equals("enqueue") && !stage.equals("transmit")) {
      throw new IllegalArgumentException("options.stage must be \"enqueue\" or \"transmit\", not \"" + stage + "\"");
    }
    this.atEnqueue = stage.equals("enqueue");
  }

  private boolean keep(GatewayQueueEvent<?, ?> event) {
    String key = String.valueOf(event.getKey());
    if (prefixes.stream().noneMatch(key::startsWith)) return true;
    dropped.incrementAndGet();
    return false;
  }

  @Override
  public boolean beforeEnqueue(GatewayQueueEvent event) {
    return !atEnqueue || keep(event);
  }

  @Override
  public boolean beforeTransmit(GatewayQueueEvent event) {
    return atEnqueue || keep(event);
  }

  @Override
  public void afterAcknowledgement(GatewayQueueEvent event) {}

  @Override
  public String module() {
    return module;
  }

  @Override
  public Map<String, Long> stats() {
    return Map.of("dropped", dropped.get());
  }
}
