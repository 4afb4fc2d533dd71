package wanlab.geode;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.InetAddress;
import java.util.Properties;
import org.apache.geode.distributed.Locator;

/** A Geode locator of one site, with `remote-locators` to the other sites (through proxies). */
final class LocatorProcess {
  private LocatorProcess() {}

  static void run(JsonNode config) throws Exception {
    Identity identity = new Identity(config);
    Properties p = identity.geodeProperties();
    if (config.get("remoteLocators").size() > 0) {
      p.setProperty("remote-locators", String.join(",", Json.strings(config.get("remoteLocators"))));
    }
    p.setProperty("enable-cluster-configuration", "false");
    p.setProperty("use-cluster-configuration", "false");
    Locator.startLocatorAndDS(config.get("locatorPort").asInt(), new File(config.get("logFile").asText()),
        InetAddress.getByName(config.get("bindHost").asText()), p);
    JsonNode control = config.get("control");
    new HttpApi(config.get("routes"), identity.handlers(), control.get("token").asText()).serve(control.get("host").asText(), control.get("port").asInt());
  }
}
