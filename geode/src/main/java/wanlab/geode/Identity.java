package wanlab.geode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/** What every process of the program shares: health, OpenAPI, Geode properties. */
final class Identity {
  private final JsonNode config;
  private volatile String uid = UUID.randomUUID().toString();
  private final long startedAt = System.currentTimeMillis();

  Identity(JsonNode config) {
    this.config = config;
  }

  /** A member's uid is its Geode incarnation (Versions.incarnation), set once its cache is up. */
  void uid(String incarnation) {
    this.uid = incarnation;
  }

  ObjectNode health() {
    ObjectNode h = Json.object();
    h.put("status", "ok").put("role", config.get("role").asText()).put("name", config.get("name").asText());
    if (config.get("role").asText().equals("member")) h.put("uid", uid);
    h.put("site", config.at("/site/name").asText()).put("distributedSystemId", config.at("/site/id").asInt());
    h.set("engine", config.get("engine"));
    h.put("controlApiVersion", config.get("controlApiVersion").asInt());
    h.put("pid", ProcessHandle.current().pid()).put("uptimeMs", System.currentTimeMillis() - startedAt);
    return h;
  }

  Map<String, Handler> handlers() {
    Map<String, Handler> h = new HashMap<>();
    h.put("GET /health", r -> health());
    h.put("GET /v1/openapi.json", r -> config.get("openapi"));
    return h;
  }

  /** Geode properties every process has: its site's locators, its name and log, no JMX or HTTP. */
  Properties geodeProperties() {
    Properties p = new Properties();
    p.setProperty("name", config.get("name").asText());
    p.setProperty("mcast-port", "0");
    p.setProperty("locators", String.join(",", Json.strings(config.get("siteLocators"))));
    p.setProperty("distributed-system-id", config.at("/site/id").asText());
    p.setProperty("log-file", config.get("logFile").asText());
    p.setProperty("log-level", config.get("logLevel").asText());
    p.setProperty("bind-address", config.get("bindHost").asText());
    p.setProperty("jmx-manager", "false");
    p.setProperty("http-service-port", "0");
    p.setProperty("statistic-sampling-enabled", "false");
    p.setProperty("member-timeout", config.get("memberTimeoutMs").asText());
    p.setProperty("locator-wait-time", "120");
    // A site of one locator and one member: with partition detection, killing the member
    // loses the quorum and the locator exits (scenarios kill members and restart them).
    p.setProperty("enable-network-partition-detection", "false");
    return p;
  }
}
