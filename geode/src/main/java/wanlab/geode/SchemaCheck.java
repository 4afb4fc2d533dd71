package wanlab.geode;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a request against its route's JSON Schema, as the contract declares it (the driver
 * writes the contract's schemas into the member's file): the subset of JSON Schema that
 * TypeBox produces. Nothing is coerced. Answers null when the value matches, else why not.
 */
final class SchemaCheck {
  private SchemaCheck() {}

  static String check(JsonNode schema, JsonNode value, String at) {
    if (schema == null || schema.isEmpty()) return null;
    if (schema.has("anyOf")) return anyOf(schema.get("anyOf"), value, at);
    if (schema.has("const") && !schema.get("const").equals(value)) return at + " must be " + schema.get("const");
    String type = schema.path("type").asText("");
    String wrong = typeMismatch(type, value, at);
    if (wrong != null) return wrong;
    if (value.isNumber()) return number(schema, value, at);
    if (value.isTextual()) return string(schema, value.asText(), at);
    if (value.isArray()) return array(schema, value, at);
    if (value.isObject()) return object(schema, value, at);
    return null;
  }

  private static String anyOf(JsonNode options, JsonNode value, String at) {
    for (JsonNode option : options) if (check(option, value, at) == null) return null;
    return at + " matches none of its allowed forms";
  }

  private static String typeMismatch(String type, JsonNode value, String at) {
    boolean ok = switch (type) {
      case "" -> true;
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber() || (value.isNumber() && value.asDouble() == Math.rint(value.asDouble()));
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "null" -> value.isNull();
      default -> true;
    };
    return ok ? null : at + " must be " + type;
  }

  private static String number(JsonNode s, JsonNode v, String at) {
    double d = v.asDouble();
    if (s.has("minimum") && d < s.get("minimum").asDouble()) return at + " must be >= " + s.get("minimum");
    if (s.has("maximum") && d > s.get("maximum").asDouble()) return at + " must be <= " + s.get("maximum");
    if (s.has("exclusiveMinimum") && d <= s.get("exclusiveMinimum").asDouble()) return at + " must be > " + s.get("exclusiveMinimum");
    if (s.has("exclusiveMaximum") && d >= s.get("exclusiveMaximum").asDouble()) return at + " must be < " + s.get("exclusiveMaximum");
    return null;
  }

  private static String string(JsonNode s, String v, String at) {
    int length = v.codePointCount(0, v.length());
    if (s.has("minLength") && length < s.get("minLength").asInt()) return at + " is too short";
    if (s.has("maxLength") && length > s.get("maxLength").asInt()) return at + " is too long";
    if (s.has("pattern") && !Pattern.compile(s.get("pattern").asText()).matcher(v).find()) return at + " must match " + s.get("pattern").asText();
    return null;
  }

  private static String array(JsonNode s, JsonNode v, String at) {
    if (s.has("minItems") && v.size() < s.get("minItems").asInt()) return at + " needs at least " + s.get("minItems") + " items";
    if (s.has("maxItems") && v.size() > s.get("maxItems").asInt()) return at + " has more than " + s.get("maxItems") + " items";
    if (!s.has("items")) return null;
    for (int i = 0; i < v.size(); i++) {
      String wrong = check(s.get("items"), v.get(i), at + "/" + i);
      if (wrong != null) return wrong;
    }
    return null;
  }

  private static String object(JsonNode s, JsonNode v, String at) {
    for (JsonNode name : s.path("required")) if (!v.has(name.asText())) return at + " needs " + name.asText();
    if (s.has("minProperties") && v.size() < s.get("minProperties").asInt()) return at + " needs at least " + s.get("minProperties") + " properties";
    JsonNode properties = s.path("properties");
    boolean closed = s.has("additionalProperties") && s.get("additionalProperties").isBoolean() && !s.get("additionalProperties").asBoolean();
    Iterator<Map.Entry<String, JsonNode>> fields = v.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String wrong = property(s, properties, closed, field.getKey(), field.getValue(), at);
      if (wrong != null) return wrong;
    }
    return null;
  }

  private static String property(JsonNode s, JsonNode properties, boolean closed, String name, JsonNode value, String at) {
    if (properties.has(name)) return check(properties.get(name), value, at + "/" + name);
    Iterator<Map.Entry<String, JsonNode>> patterns = s.path("patternProperties").fields();
    while (patterns.hasNext()) {
      Map.Entry<String, JsonNode> p = patterns.next();
      if (Pattern.compile(p.getKey()).matcher(name).find()) return check(p.getValue(), value, at + "/" + name);
    }
    return closed ? at + " must not have " + name : null;
  }
}
