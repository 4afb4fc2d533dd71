package wanlab.geode;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.geode.cache.Region;
import org.apache.geode.internal.cache.DiskRegion;
import org.apache.geode.internal.cache.LocalRegion;
import org.apache.geode.internal.cache.PartitionedRegion;
import org.apache.geode.internal.cache.RegionQueue;
import org.apache.geode.internal.cache.wan.AbstractGatewaySender;

/**
 * What a sender's queue holds in memory and on disk: the disk statistics and memory-LRU
 * counters of Geode's queue regions (a serial queue's regions, a parallel queue's local buckets).
 */
final class QueueFigures {
  private QueueFigures() {}

  static void fill(ObjectNode queue, AbstractGatewaySender sender, int size) {
    long onDisk = 0, bytesOnDisk = 0, bytesInMemory = 0, overflowed = 0;
    boolean persistent = sender.isPersistenceEnabled();
    for (LocalRegion r : queueRegions(sender)) {
      bytesInMemory += r.getEvictionController() == null ? 0 : r.getEvictionCounter();
      DiskRegion disk = r.getDiskRegion();
      if (disk == null) continue;
      onDisk += disk.getStats().getNumOverflowOnDisk();
      bytesOnDisk += disk.getStats().getNumOverflowBytesOnDisk();
      if (!persistent) overflowed += disk.getStats().getWrites();
    }
    queue.put("size", size).put("inMemory", Math.max(0, size - onDisk)).put("onDisk", onDisk);
    queue.put("bytesInMemory", bytesInMemory).put("bytesOnDisk", bytesOnDisk).put("eventsOverflowed", overflowed);
  }

  /** Events written to disk for want of memory (a non-persistent queue writes only then). */
  static long overflowed(AbstractGatewaySender sender) {
    if (sender.isPersistenceEnabled()) return 0;
    long writes = 0;
    for (LocalRegion r : queueRegions(sender)) {
      if (r.getDiskRegion() != null) writes += r.getDiskRegion().getStats().getWrites();
    }
    return writes;
  }

  private static List<LocalRegion> queueRegions(AbstractGatewaySender sender) {
    List<LocalRegion> out = new ArrayList<>();
    if (sender.getQueues() == null) return out;
    for (RegionQueue q : sender.getQueues()) {
      Region<?, ?> r = q.getRegion();
      if (r instanceof PartitionedRegion pr && pr.getDataStore() != null) out.addAll(pr.getDataStore().getAllLocalBucketRegions());
      else if (r instanceof LocalRegion lr) out.add(lr);
    }
    return out;
  }
}
