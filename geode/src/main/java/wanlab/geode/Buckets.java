package wanlab.geode;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.geode.cache.Region;
import org.apache.geode.cache.partition.PartitionRegionHelper;
import org.apache.geode.distributed.internal.membership.InternalDistributedMember;
import org.apache.geode.internal.cache.BucketAdvisor;
import org.apache.geode.internal.cache.BucketRegion;
import org.apache.geode.internal.cache.PartitionedRegion;
import org.apache.geode.internal.cache.partitioned.RegionAdvisor;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * GET /v1/regions/:region/buckets (capability bucket-status): each bucket of a partitioned
 * region, its primary and the members holding an initialized copy, as this member's
 * RegionAdvisor knows them (Geode's own bucket advisors; a bucket Geode has not created yet has
 * no primary and no copy). Geode has no bucket table version: tableVersion counts the changes
 * this member has seen in the table it answers, so two equal answers mean an unchanged table.
 */
final class Buckets {
  private static final Logger LOG = LogManager.getLogger(Buckets.class);
  /** How long a member waits for every planned member of its site before it creates buckets. */
  private static final long WAIT_FOR_SITE_MS = 180_000;
  private static final long POLL_MS = 250;

  private final Map<String, Region<String, String>> regions;
  private final Map<String, String> types;
  private final Map<String, Integer> redundancy;
  private String lastTable = "";
  private long tableVersion;

  Buckets(Map<String, Region<String, String>> regions, Map<String, String> types, Map<String, Integer> redundancy) {
    this.regions = regions;
    this.types = types;
    this.redundancy = redundancy;
  }

  void register(Map<String, Handler> h) {
    h.put("GET /v1/regions/:region/buckets", r -> status(r.param("region")));
  }

  private ObjectNode status(String name) {
    Region<String, String> region = regions.get(name);
    if (region == null) throw ApiError.regionUnknown(name);
    ObjectNode out = Json.object().put("region", name).put("type", types.get(name));
    ArrayNode list = Json.object().putArray("buckets");
    int total = 1;
    if (region instanceof PartitionedRegion pr) {
      total = pr.getTotalNumberOfBuckets();
      RegionAdvisor advisor = pr.getRegionAdvisor();
      for (int id = 0; id < total; id++) list.add(bucket(pr, advisor, id));
    }
    out.put("totalBuckets", total).put("redundantCopies", redundancy.getOrDefault(name, 0));
    out.put("tableVersion", versionOf(name + list));
    out.set("buckets", list);
    return out;
  }

  private synchronized long versionOf(String table) {
    if (!table.equals(lastTable)) {
      lastTable = table;
      tableVersion++;
    }
    return tableVersion;
  }

  private static ObjectNode bucket(PartitionedRegion pr, RegionAdvisor advisor, int id) {
    BucketAdvisor bucket = advisor.getBucketAdvisor(id);
    InternalDistributedMember primary = bucket.basicGetPrimaryMember();
    Set<InternalDistributedMember> owners = new HashSet<>(advisor.getBucketOwners(id));
    InternalDistributedMember self = pr.getDistributionManager().getId();
    List<String> initializing = new ArrayList<>();
    if (pr.getDataStore() != null) {
      BucketRegion local = pr.getDataStore().getLocalBucketById(id);
      if (local != null && !local.isInitialized()) {
        initializing.add(name(self));
        owners.remove(self);
      }
    }
    Set<String> copies = new TreeSet<>();
    for (InternalDistributedMember m : owners) if (!m.equals(primary)) copies.add(name(m));
    ObjectNode b = Json.object().put("id", id);
    if (primary == null || !owners.contains(primary)) b.putNull("primary");
    else b.put("primary", name(primary));
    copies.forEach(b.putArray("copies")::add);
    initializing.forEach(b.putArray("initializing")::add);
    return b;
  }

  private static String name(InternalDistributedMember m) {
    String n = m.getName();
    return n == null || n.isEmpty() ? m.toString() : n;
  }

  /**
   * Geode creates a bucket on its first write. The contract's bucket table (and the documents'
   * "113 buckets spread over the members") has them all from the start: once every planned
   * member of the site hosts the region (or after WAIT_FOR_SITE_MS), Geode's public
   * PartitionRegionHelper.assignBucketsToPartitions creates the missing ones, Geode choosing
   * each primary and copy by its own load balancing. Any member may call it; it does nothing
   * for buckets that exist.
   */
  static void createWhenSiteIsUp(PartitionedRegion pr, int siteMembers) {
    Thread t = new Thread(() -> {
      long deadline = System.currentTimeMillis() + WAIT_FOR_SITE_MS;
      try {
        while (pr.getRegionAdvisor().adviseDataStore().size() + 1 < siteMembers && System.currentTimeMillis() < deadline) {
          Thread.sleep(POLL_MS);
        }
        PartitionRegionHelper.assignBucketsToPartitions(pr);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        LOG.warn("creating the buckets of {} failed: {}", pr.getName(), e.toString());
      }
    }, "wanlab-buckets-" + pr.getName());
    t.setDaemon(true);
    t.start();
  }
}
