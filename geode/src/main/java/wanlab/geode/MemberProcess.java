package wanlab.geode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.geode.cache.Cache;
import org.apache.geode.cache.CacheFactory;
import org.apache.geode.cache.DataPolicy;
import org.apache.geode.cache.PartitionAttributesFactory;
import org.apache.geode.cache.Region;
import org.apache.geode.cache.RegionFactory;
import org.apache.geode.cache.RegionShortcut;
import org.apache.geode.cache.Scope;
import org.apache.geode.cache.wan.GatewayReceiver;
import org.apache.geode.cache.wan.GatewayReceiverFactory;
import org.apache.geode.cache.wan.GatewaySender;
import org.apache.geode.cache.wan.GatewaySenderFactory;
import org.apache.geode.internal.cache.PartitionedRegion;

/**
 * A Geode member (a peer with its site's locators): its disk store in its working folder, its
 * gateway senders, its receiver and its regions as the site plan says, then the control API.
 */
final class MemberProcess {
  private MemberProcess() {}

  static void run(JsonNode config) throws Exception {
    Identity identity = new Identity(config);
    Cache cache = new CacheFactory(identity.geodeProperties()).create();
    cache.createDiskStoreFactory().setDiskDirs(new File[] {new File(config.get("workDir").asText())}).create("wanlab");
    Map<String, ObjectNode> senders = new LinkedHashMap<>();
    for (JsonNode s : config.get("senders")) {
      createSender(cache, s);
      senders.put(s.get("id").asText(), (ObjectNode) s);
    }
    GatewayReceiver receiver = config.hasNonNull("receiver") ? createReceiver(cache, config.get("receiver")) : null;
    int dsid = config.at("/site/id").asInt();
    String incarnation = Versions.incarnationOf(cache.getDistributedSystem());
    identity.uid(incarnation);
    Versions versions = new Versions(config.get("name").asText(), incarnation);
    AppliedLog log = new AppliedLog(versions, dsid, recipientsByRegion(config));
    Resolvers.install(cache, config.get("regions"));
    Map<String, Region<String, String>> regions = new LinkedHashMap<>();
    Map<String, String> types = new HashMap<>();
    Map<String, Integer> redundancy = new HashMap<>();
    int siteMembers = config.get("siteMembers").size();
    for (JsonNode r : leadersFirst(config.get("regions"))) {
      Region<String, String> region = createRegion(cache, r, log);
      regions.put(r.get("name").asText(), region);
      types.put(r.get("name").asText(), r.get("type").asText());
      redundancy.put(r.get("name").asText(), r.path("redundantCopies").asInt(0));
      if (region instanceof PartitionedRegion pr) Buckets.createWhenSiteIsUp(pr, siteMembers);
    }
    Map<String, Handler> handlers = identity.handlers();
    ThreadLanes lanes = new ThreadLanes();
    new RegionRoutes(regions, types, versions, lanes).register(handlers);
    new SenderRoutes(cache, senders).register(handlers);
    new Buckets(regions, types, redundancy).register(handlers);
    new Transactions(cache, regions, versions, lanes).register(handlers);
    new ReceiverRoutes(receiver, config.get("receiver")).register(handlers);
    handlers.put("GET /v1/events", r -> log.page(number(r, "after", 0), (int) number(r, "limit", 1000)));
    handlers.put("GET /v1/clock", r -> Json.object().put("nowMs", System.currentTimeMillis()).put("offsetMs", 0));
    JsonNode control = config.get("control");
    new HttpApi(config.get("routes"), handlers, control.get("token").asText()).serve(control.get("host").asText(), control.get("port").asInt());
  }

  private static long number(Request r, String name, long fallback) {
    String v = r.query().get(name);
    return v == null ? fallback : Long.parseLong(v);
  }

  /** Geode creates a colocated region only after the region it is colocated with. */
  private static List<JsonNode> leadersFirst(JsonNode regions) {
    List<JsonNode> pending = new ArrayList<>();
    regions.forEach(pending::add);
    List<JsonNode> ordered = new ArrayList<>();
    java.util.Set<String> created = new java.util.HashSet<>();
    while (!pending.isEmpty()) {
      int before = pending.size();
      for (java.util.Iterator<JsonNode> it = pending.iterator(); it.hasNext(); ) {
        JsonNode r = it.next();
        if (!r.hasNonNull("colocatedWith") || created.contains(r.get("colocatedWith").asText())) {
          ordered.add(r);
          created.add(r.get("name").asText());
          it.remove();
        }
      }
      // The harness refuses a cycle; should one arrive, Geode reports it on creation.
      if (pending.size() == before) { ordered.addAll(pending); break; }
    }
    return ordered;
  }

  private static Map<String, List<Integer>> recipientsByRegion(JsonNode config) {
    Map<String, Integer> remote = new HashMap<>();
    for (JsonNode s : config.get("senders")) remote.put(s.get("id").asText(), s.get("remoteDistributedSystemId").asInt());
    Map<String, List<Integer>> out = new HashMap<>();
    for (JsonNode r : config.get("regions")) {
      List<Integer> ids = new ArrayList<>();
      for (JsonNode id : r.get("senderIds")) if (remote.containsKey(id.asText())) ids.add(remote.get(id.asText()));
      out.put(r.get("name").asText(), ids);
    }
    return out;
  }

  private static void createSender(Cache cache, JsonNode s) {
    GatewaySenderFactory f = cache.createGatewaySenderFactory();
    f.setParallel(s.get("parallel").asBoolean());
    f.setBatchSize(s.get("batchSize").asInt());
    f.setBatchTimeInterval(s.get("batchTimeIntervalMs").asInt());
    f.setDispatcherThreads(s.get("dispatcherThreads").asInt());
    if (s.get("dispatcherThreads").asInt() > 1 || s.get("parallel").asBoolean()) {
      f.setOrderPolicy(GatewaySender.OrderPolicy.valueOf(s.get("orderPolicy").asText().toUpperCase()));
    }
    f.setMaximumQueueMemory(s.get("maximumQueueMemoryMb").asInt());
    f.setPersistenceEnabled(s.get("persistent").asBoolean());
    f.setDiskStoreName("wanlab");
    f.setDiskSynchronous(s.get("diskSynchronous").asBoolean());
    f.setBatchConflationEnabled(s.get("batchConflation").asBoolean());
    f.setGroupTransactionEvents(s.get("groupTransactionEvents").asBoolean());
    f.setManualStart(s.get("manualStart").asBoolean());
    f.setAlertThreshold(s.get("alertThresholdMs").asInt());
    f.setSocketReadTimeout(s.get("socketReadTimeoutMs").asInt());
    for (var filter : Filters.of(s)) f.addGatewayEventFilter(filter);
    f.create(s.get("id").asText(), s.get("remoteDistributedSystemId").asInt());
  }

  private static GatewayReceiver createReceiver(Cache cache, JsonNode r) {
    GatewayReceiverFactory f = cache.createGatewayReceiverFactory();
    f.setStartPort(r.get("startPort").asInt());
    f.setEndPort(r.get("endPort").asInt());
    f.setBindAddress(r.get("bindAddress").asText());
    if (r.hasNonNull("hostnameForSenders")) f.setHostnameForSenders(r.get("hostnameForSenders").asText());
    f.setManualStart(r.get("manualStart").asBoolean());
    f.setMaximumTimeBetweenPings(r.get("maximumTimeBetweenPingsMs").asInt());
    return f.create();
  }

  private static org.apache.geode.cache.PartitionAttributes<String, String> partitionAttributes(JsonNode r) {
    PartitionAttributesFactory<String, String> f = new PartitionAttributesFactory<String, String>()
        .setTotalNumBuckets(r.get("totalBuckets").asInt())
        .setRedundantCopies(r.get("redundantCopies").asInt());
    if (r.hasNonNull("colocatedWith")) f.setColocatedWith(r.get("colocatedWith").asText());
    return f.create();
  }

  private static Region<String, String> createRegion(Cache cache, JsonNode r, AppliedLog log) {
    String type = r.get("type").asText();
    RegionFactory<String, String> f = switch (type) {
      case "partitioned" -> cache.<String, String>createRegionFactory(RegionShortcut.PARTITION)
          .setPartitionAttributes(partitionAttributes(r));
      case "normal" -> cache.<String, String>createRegionFactory().setScope(Scope.DISTRIBUTED_ACK).setDataPolicy(DataPolicy.NORMAL);
      case "preloaded" -> cache.<String, String>createRegionFactory().setScope(Scope.DISTRIBUTED_ACK).setDataPolicy(DataPolicy.PRELOADED);
      default -> cache.<String, String>createRegionFactory(RegionShortcut.REPLICATE);
    };
    for (JsonNode id : r.get("senderIds")) f.addGatewaySenderId(id.asText());
    f.addCacheListener(log);
    f.setConcurrencyChecksEnabled(true);
    return f.create(r.get("name").asText());
  }
}
