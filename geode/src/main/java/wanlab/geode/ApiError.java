package wanlab.geode;

/** A control API refusal: an HTTP status, a stable code of the contract, a message and a hint. */
public final class ApiError extends RuntimeException {
  final int status;
  final String code;
  final String hint;

  ApiError(int status, String code, String message, String hint) {
    super(message);
    this.status = status;
    this.code = code;
    this.hint = hint;
  }

  static ApiError badRequest(String message) {
    return new ApiError(400, "WAN_ERR_BAD_REQUEST", message,
        "send what the route's schema says (GET /v1/openapi.json); nothing is coerced");
  }

  static ApiError regionUnknown(String region) {
    return new ApiError(404, "WAN_ERR_REGION_UNKNOWN", "no region named " + region,
        "GET /v1/regions lists the regions of this member");
  }

  static ApiError senderUnknown(String id) {
    return new ApiError(404, "WAN_ERR_SENDER_UNKNOWN", "no sender " + id + " on this member",
        "GET /v1/senders lists the senders of this member");
  }

  static ApiError noEntry(String region, String key) {
    return new ApiError(404, "WAN_ERR_NO_ENTRY", "region " + region + " holds no entry " + key,
        "put the entry first");
  }

  static ApiError receiverAbsent() {
    return new ApiError(404, "WAN_ERR_RECEIVER_ABSENT", "this member has no gateway receiver",
        "ask a member of a site that defines a receiver");
  }

  static ApiError receiverState(String message) {
    return new ApiError(409, "WAN_ERR_RECEIVER_STATE", message, "GET /v1/receiver says its state");
  }

  static ApiError internal(Throwable cause) {
    return new ApiError(500, "WAN_ERR_INTERNAL", "Geode failed: " + cause,
        "the member's Geode log in its working folder has the stack");
  }
}
