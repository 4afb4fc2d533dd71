package wanlab.geode;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** One control API request, already checked against its route's schemas. */
record Request(Map<String, String> params, Map<String, String> query, JsonNode body) {
  String param(String name) {
    return params.get(name);
  }

  /** The client thread a write names (order policy `thread`), if any. */
  Integer thread() {
    if (body != null && body.has("thread")) return body.get("thread").asInt();
    String q = query.get("thread");
    return q == null ? null : Integer.valueOf(q);
  }
}
