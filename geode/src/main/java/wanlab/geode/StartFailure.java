package wanlab.geode;

import org.apache.geode.internal.cache.wan.GatewayReceiverException;

/** Why a process could not start, as one error line with a stable code and a hint. */
record StartFailure(String code, String message, String hint, int exitCode) {
  static StartFailure of(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    String message = e + (root == e ? "" : " (cause: " + root + ")");
    if (e instanceof GatewayReceiverException || String.valueOf(e.getMessage()).contains("No available free port")) {
      return new StartFailure("WAN_ERR_PORT_RANGE_EXHAUSTED", message,
          "Geode refuses a receiver port that any address listens on: was a proxy of this receiver enabled while it started? (the geode driver holds them)", 1);
    }
    if (e instanceof IllegalStateException || e instanceof IllegalArgumentException) {
      return new StartFailure("WAN_ERR_CONFIG_INVALID", message, "Geode refused the configuration above; change the topology", 2);
    }
    return new StartFailure("WAN_ERR_INTERNAL", message, "the Geode log in the process's working folder and logs/ has more", 1);
  }
}
