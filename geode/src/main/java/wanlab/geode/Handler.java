package wanlab.geode;

import com.fasterxml.jackson.databind.JsonNode;

/** Answers one route: the body of its success, or throws an ApiError. */
@FunctionalInterface
interface Handler {
  JsonNode handle(Request request) throws Exception;
}
