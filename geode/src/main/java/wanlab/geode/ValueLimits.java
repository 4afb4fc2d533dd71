package wanlab.geode;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The contract's value limits (contract/value-limits.ts), checked before anything is stored: a
 * request body over REQUEST_BODY_BYTES_MAX, a value nested deeper than VALUE_DEPTH_MAX or
 * larger than VALUE_BYTES_MAX as JSON is refused with the contract's code. Geode itself stores
 * any of them; the limits keep a value one site takes from failing every send to another.
 */
final class ValueLimits {
  static final int VALUE_DEPTH_MAX = 64;
  static final int VALUE_BYTES_MAX = 1024 * 1024;
  static final int REQUEST_BODY_BYTES_MAX = 16 * 1024 * 1024;
  /** Far past any value's limit: such a body is refused before it is parsed at all. */
  private static final int RAW_DEPTH_MAX = 1_000;

  private ValueLimits() {}

  static void checkBodySize(long bytes) {
    if (bytes > REQUEST_BODY_BYTES_MAX) {
      throw new ApiError(413, "WAN_ERR_BODY_TOO_LARGE",
          "the request body is larger than " + REQUEST_BODY_BYTES_MAX + " bytes (REQUEST_BODY_BYTES_MAX, 16 MiB)",
          "send fewer entries per request");
    }
  }

  /** Before parsing: a body nested far past any value's limit is refused without building it. */
  static void checkRawDepth(String text) {
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') i++;
        else if (c == '"') inString = false;
        continue;
      }
      if (c == '"') inString = true;
      else if (c == '[' || c == '{') {
        if (++depth > RAW_DEPTH_MAX) throw tooDeep("value");
      } else if (c == ']' || c == '}') depth--;
    }
  }

  /** Every value of the body (value, entries[i].value, operations[i].value), as the contract lists them. */
  static void checkValues(JsonNode body) {
    if (body == null || !body.isObject()) return;
    if (body.has("value")) check(body.get("value"), "value");
    for (String field : new String[] {"entries", "operations"}) {
      JsonNode items = body.get(field);
      if (items == null || !items.isArray()) continue;
      for (int i = 0; i < items.size(); i++) {
        JsonNode item = items.get(i);
        if (item.isObject() && item.has("value")) check(item.get("value"), field + "[" + i + "].value");
      }
    }
  }

  private static void check(JsonNode value, String where) {
    if (depthOf(value) > VALUE_DEPTH_MAX) throw tooDeep(where);
    int bytes = Json.text(value).getBytes(StandardCharsets.UTF_8).length;
    if (bytes > VALUE_BYTES_MAX) {
      throw new ApiError(413, "WAN_ERR_VALUE_TOO_LARGE",
          where + " is " + bytes + " bytes as JSON, more than " + VALUE_BYTES_MAX + " (VALUE_BYTES_MAX, 1 MiB)",
          "split the value over several keys");
    }
  }

  private static ApiError tooDeep(String where) {
    return new ApiError(400, "WAN_ERR_VALUE_TOO_DEEP",
        where + " nests more than " + VALUE_DEPTH_MAX + " levels of objects and arrays (VALUE_DEPTH_MAX)",
        "flatten the value to at most " + VALUE_DEPTH_MAX + " levels");
  }

  /** Levels of objects and arrays, as contract/value-limits.ts valueDepth counts them. */
  private static int depthOf(JsonNode value) {
    int deepest = 0;
    Deque<Object[]> stack = new ArrayDeque<>();
    stack.push(new Object[] {value, 0});
    while (!stack.isEmpty()) {
      Object[] top = stack.pop();
      JsonNode node = (JsonNode) top[0];
      if (!node.isContainerNode()) continue;
      int here = (int) top[1] + 1;
      deepest = Math.max(deepest, here);
      if (deepest > VALUE_DEPTH_MAX) return deepest;
      for (JsonNode child : node) stack.push(new Object[] {child, here});
    }
    return deepest;
  }
}
