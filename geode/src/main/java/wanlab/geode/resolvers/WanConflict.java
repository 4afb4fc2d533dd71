package wanlab.geode.resolvers;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One WAN conflict, as contract/resolver-api.ts describes it for the JavaScript resolvers:
 * the entry's current value and version, the received ones, and the default rule's verdict.
 */
public record WanConflict(
    String region,
    String key,
    String operation,
    JsonNode oldValue,
    boolean oldDestroyed,
    JsonNode newValue,
    long oldTimestamp,
    long newTimestamp,
    int oldDsid,
    int newDsid,
    boolean allowByDefault) {}
