package wanlab.geode.filters;

import java.util.Map;
import org.apache.geode.cache.wan.GatewayEventFilter;

/**
 * A Java equivalent of one of wanlab's example event filter modules (topologies/filters/):
 * Geode's GatewayEventFilter, plus the counters the module's stats() reports.
 */
public interface ModuleFilter extends GatewayEventFilter {
  /** The module as the plan names it (its path), for the sender status. */
  String module();

  Map<String, Long> stats();

  @Override
  default void close() {}
}
