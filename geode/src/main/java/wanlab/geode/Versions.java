package wanlab.geode;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.geode.cache.Region;
import org.apache.geode.distributed.DistributedSystem;
import org.apache.geode.distributed.internal.membership.InternalDistributedMember;
import org.apache.geode.internal.cache.EntrySnapshot;
import org.apache.geode.internal.cache.EventID;
import org.apache.geode.internal.cache.LocalRegion;
import org.apache.geode.internal.cache.PartitionedRegion;
import org.apache.geode.internal.cache.RegionEntry;
import org.apache.geode.internal.cache.ha.ThreadIdentifier;
import org.apache.geode.internal.cache.versions.VersionSource;
import org.apache.geode.internal.cache.versions.VersionStamp;
import org.apache.geode.internal.cache.versions.VersionTag;

/** Geode's version tags and event ids in the contract's shapes (VersionTag, EventId). */
final class Versions {
  private final String localMember;
  private final String localIncarnation;

  Versions(String localMember, String localIncarnation) {
    this.localMember = localMember;
    this.localIncarnation = localIncarnation;
  }

  /**
   * The contract's event id member: one member incarnation, as Geode's EventID names it (its
   * membership id: the member's name, membership port and view id). A restarted member is
   * another incarnation, whose thread and sequence numbers start again; its uid on GET /health
   * is this same text, so a checker finds an event's creator by it.
   */
  static String incarnation(InternalDistributedMember m) {
    if (m == null) return "";
    String name = m.getName();
    String who = name == null || name.isEmpty() ? m.getHost() : name;
    return who + ":" + m.getMembershipPort() + "<v" + m.getVmViewId() + ">";
  }

  /** This member's incarnation, read back through an EventID exactly as its events' ids are. */
  static String incarnationOf(DistributedSystem system) {
    return incarnation(new EventID(EventID.getMembershipId(system), 0, 0).getDistributedMember());
  }

  ObjectNode tag(VersionTag<?> tag) {
    ObjectNode v = Json.object();
    v.put("timestamp", tag.getVersionTimeStamp());
    v.put("dsid", tag.getDistributedSystemId());
    v.put("member", memberName(tag.getMemberID()));
    v.put("entryVersion", tag.getEntryVersion());
    return v;
  }

  ObjectNode eventId(EventID id) {
    ObjectNode e = Json.object();
    e.put("member", incarnation(id.getDistributedMember()));
    // A gateway or bulk operation wraps the writer's thread id (ThreadIdentifier); the
    // writer's own thread is what the contract's (member, thread) stream means.
    e.put("thread", ThreadIdentifier.getRealThreadID(id.getThreadID()));
    e.put("seq", id.getSequenceID());
    return e;
  }

  String localIncarnation() {
    return localIncarnation;
  }

  /** An event id this member's thread gave a write (EventID's thread-local numbers). */
  ObjectNode eventId(String member, long threadId, long sequenceId) {
    ObjectNode e = Json.object();
    e.put("member", member).put("thread", ThreadIdentifier.getRealThreadID(threadId)).put("seq", sequenceId);
    return e;
  }

  /** A tag's member: its name (a null member id is the local member's, as Geode stores it). */
  String memberName(VersionSource<?> source) {
    if (source == null) return localMember;
    if (source instanceof InternalDistributedMember m && m.getName() != null && !m.getName().isEmpty()) return m.getName();
    return source.toString();
  }

  /** The version of the entry this member sees for key, or null when there is none. */
  static VersionTag<?> entryTag(Region<String, String> region, String key) {
    Region.Entry<String, String> entry = region.getEntry(key);
    if (entry == null) return null;
    if (entry instanceof EntrySnapshot snapshot) return snapshot.getVersionTag();
    RegionEntry re = null;
    if (region instanceof PartitionedRegion pr) {
      var bucket = pr.getBucketRegion(key);
      if (bucket != null) re = bucket.getRegionEntry(key);
    } else if (region instanceof LocalRegion lr) {
      re = lr.getRegionEntry(key);
    }
    VersionStamp<?> stamp = re == null ? null : re.getVersionStamp();
    return stamp == null ? null : stamp.asVersionTag();
  }
}
