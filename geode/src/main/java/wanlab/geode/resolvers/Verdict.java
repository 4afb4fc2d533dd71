package wanlab.geode.resolvers;

import com.fasterxml.jackson.databind.JsonNode;

/** A resolver's decision: allow the event, disallow it, or apply it with another value. */
public record Verdict(String kind, JsonNode value) {
  public static final Verdict ALLOW = new Verdict("allow", null);
  public static final Verdict DISALLOW = new Verdict("disallow", null);

  public static Verdict change(JsonNode value) {
    return new Verdict("change", value);
  }

  public static Verdict byDefault(WanConflict c) {
    return c.allowByDefault() ? ALLOW : DISALLOW;
  }
}
