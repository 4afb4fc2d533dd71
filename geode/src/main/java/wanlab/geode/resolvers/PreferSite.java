package wanlab.geode.resolvers;

import com.fasterxml.jackson.databind.JsonNode;

/** topologies/resolvers/prefer-site.ts in Java: within windowMs, preferredSite's write wins. */
public final class PreferSite implements Resolver {
  private final int preferredSite;
  private final long windowMs;

  public PreferSite(JsonNode options) {
    JsonNode site = options.get("preferredSite");
    JsonNode window = options.get("windowMs");
    if (site == null || !site.isIntegralNumber() || window == null || !window.isIntegralNumber() || window.asLong() < 0) {
      throw new IllegalArgumentException("prefer-site needs options { preferredSite: <site id>, windowMs: <ms >= 0> }");
    }
    this.preferredSite = site.asInt();
    this.windowMs = window.asLong();
  }

  @Override
  public Verdict resolve(WanConflict c) {
    boolean within = Math.abs(c.newTimestamp() - c.oldTimestamp()) <= windowMs;
    if (within && c.newDsid() == preferredSite) return Verdict.ALLOW;
    if (within && c.oldDsid() == preferredSite) return Verdict.DISALLOW;
    return Verdict.byDefault(c);
  }
}
