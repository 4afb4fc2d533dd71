package wanlab.geode.filters;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.geode.cache.Operation;
import org.apache.geode.cache.wan.GatewayQueueEvent;

/** topologies/filters/count-acks.ts: counts the acknowledgements it hears of. */
public final class CountAcks implements ModuleFilter {
  private final String module;
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong creates = new AtomicLong();
  private final AtomicLong updates = new AtomicLong();
  private final AtomicLong destroys = new AtomicLong();

  public CountAcks(String module) {
    this.module = module;
  }

  @Override
  public boolean beforeEnqueue(GatewayQueueEvent event) {
    return true;
  }

  @Override
  public boolean beforeTransmit(GatewayQueueEvent event) {
    return true;
  }

  @Override
  public void afterAcknowledgement(GatewayQueueEvent event) {
    acknowledged.incrementAndGet();
    Operation op = event.getOperation();
    if (op.isCreate()) creates.incrementAndGet();
    else if (op.isDestroy()) destroys.incrementAndGet();
    else updates.incrementAndGet();
  }

  @Override
  public String module() {
    return module;
  }

  @Override
  public Map<String, Long> stats() {
    return Map.of(
        "acknowledged", acknowledged.get(),
        "create", creates.get(),
        "update", updates.get(),
        "destroy", destroys.get());
  }
}
