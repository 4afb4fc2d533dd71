package wanlab.geode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The control API server (the JDK's HTTP server). It serves exactly the routes the driver
 * listed in the process's file (the contract's routes of the capabilities the driver
 * declares, with their schemas), each with its Java handler; a listed route without a
 * handler stops the process at start (the driver and this program disagree).
 */
final class HttpApi {
  private static final Logger LOG = LogManager.getLogger(HttpApi.class);

  private record Route(String method, String[] segments, JsonNode spec, Handler handler) {}

  private final List<Route> routes = new ArrayList<>();
  /** The deployment's control token: every route but /health needs it (contract/control-api/auth.ts). */
  private final byte[] token;
  private int refused;

  HttpApi(JsonNode routeSpecs, Map<String, Handler> handlers, String token) {
    if (token == null || token.length() < 16) throw new IllegalStateException("the control token in the process file is missing or shorter than 16 characters");
    this.token = token.getBytes(StandardCharsets.UTF_8);
    for (JsonNode spec : routeSpecs) {
      String key = spec.get("method").asText() + " " + spec.get("path").asText();
      Handler handler = handlers.get(key);
      if (handler == null) throw new IllegalStateException("the control API route " + key + " has no handler in the Geode member program");
      routes.add(new Route(spec.get("method").asText(), spec.get("path").asText().split("/"), spec, handler));
    }
  }

  void serve(String host, int port) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/", this::exchange);
    server.start();
  }

  private void exchange(HttpExchange ex) throws IOException {
    int status = 200;
    JsonNode body;
    try {
      requireToken(ex);
      Match match = find(ex.getRequestMethod(), segmentsOf(ex.getRequestURI().getRawPath()));
      if (match == null) throw new ApiError(404, "WAN_ERR_NOT_FOUND", "no route " + ex.getRequestMethod() + " " + ex.getRequestURI().getPath(), "GET /v1/openapi.json lists the routes");
      Request request = request(match, ex);
      body = match.route.handler.handle(request);
      status = match.route.spec.path("status").asInt(200);
    } catch (ApiError e) {
      status = e.status;
      body = error(e.code, e.getMessage(), e.hint);
    } catch (Exception e) {
      LOG.error("control API request failed", e);
      ApiError internal = ApiError.internal(e);
      status = 500;
      body = error(internal.code, internal.getMessage(), internal.hint);
    }
    byte[] bytes = Json.text(body).getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("content-type", "application/json; charset=utf-8");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** 401 WAN_ERR_UNAUTHORIZED for any request but /health without the deployment's token. */
  private void requireToken(HttpExchange ex) {
    String path = ex.getRequestURI().getRawPath();
    if (path.equals("/health")) return;
    String header = ex.getRequestHeaders().getFirst("Authorization");
    String offered = header != null && header.trim().startsWith("Bearer ") ? header.trim().substring(7) : null;
    if (offered != null && MessageDigest.isEqual(offered.getBytes(StandardCharsets.UTF_8), token)) return;
    String reason = header == null ? "no token" : "wrong token";
    synchronized (this) {
      refused++;
      LOG.warn("control request refused: WAN_ERR_UNAUTHORIZED {} {} ({}), {} refused so far", ex.getRequestMethod(), path, reason, refused);
    }
    ex.getResponseHeaders().set("www-authenticate", "Bearer");
    throw new ApiError(401, "WAN_ERR_UNAUTHORIZED", ex.getRequestMethod() + " " + path + " needs the deployment's control token (" + reason + ")", "send 'Authorization: Bearer <token>': wanlab up prints the deployment's token (also in <run folder>/control-token)");
  }

  static ObjectNode error(String code, String message, String hint) {
    ObjectNode e = Json.object();
    e.put("code", code).put("message", message).put("hint", hint);
    return e;
  }

  private record Match(Route route, Map<String, String> params) {}

  private Match find(String method, String[] path) {
    for (Route route : routes) {
      if (!route.method.equals(method) || route.segments.length != path.length) continue;
      Map<String, String> params = new HashMap<>();
      boolean ok = true;
      for (int i = 0; i < path.length && ok; i++) {
        String s = route.segments[i];
        if (s.startsWith(":")) params.put(s.substring(1), path[i]);
        else ok = s.equals(path[i]);
      }
      if (ok) return new Match(route, params);
    }
    return null;
  }

  private static String[] segmentsOf(String rawPath) {
    String[] raw = rawPath.split("/", -1);
    String[] out = new String[raw.length];
    for (int i = 0; i < raw.length; i++) out[i] = percentDecode(raw[i]);
    return out;
  }

  /** Path segments: %XX only ('+' stays a plus). */
  private static String percentDecode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static Request request(Match match, HttpExchange ex) throws IOException {
    JsonNode spec = match.route.spec;
    Map<String, String> query = queryOf(ex.getRequestURI().getRawQuery());
    checkStrings(spec.get("params"), match.params, "params");
    checkStrings(spec.get("querystring"), query, "query");
    JsonNode body = null;
    if (spec.has("body")) {
      byte[] raw = ex.getRequestBody().readAllBytes();
      ValueLimits.checkBodySize(raw.length);
      String text = new String(raw, StandardCharsets.UTF_8);
      if (text.isBlank()) throw ApiError.badRequest("the route needs a JSON body");
      ValueLimits.checkRawDepth(text);
      body = Json.parse(text);
      ValueLimits.checkValues(body);
      String wrong = SchemaCheck.check(spec.get("body"), body, "body");
      if (wrong != null) throw ApiError.badRequest(wrong);
    }
    return new Request(match.params, query, body);
  }

  private static void checkStrings(JsonNode schema, Map<String, String> values, String where) {
    if (schema == null) {
      if (where.equals("query") && !values.isEmpty()) throw ApiError.badRequest("the route takes no query string");
      return;
    }
    ObjectNode node = Json.object();
    values.forEach(node::put);
    String wrong = SchemaCheck.check(schema, node, where);
    if (wrong != null) throw ApiError.badRequest(wrong);
  }

  private static Map<String, String> queryOf(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) return out;
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.put(k, v);
    }
    return out;
  }
}
