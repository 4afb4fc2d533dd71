package wanlab.geode;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.InputStream;

/**
 * The wanlab Geode program: `java -jar wanlab-geode.jar --config <file> [--exit-when-stdin-closes]`
 * runs one Geode 1.15.1 locator or member, as the file the harness's Geode driver wrote says,
 * and serves the wanlab control API for it.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    String path = argument(args, "--config");
    JsonNode config;
    try {
      config = Json.MAPPER.readTree(new File(path));
    } catch (Exception e) {
      System.err.println("error WAN_ERR_CONFIG_UNREADABLE: cannot read " + path + ": " + e.getMessage());
      System.exit(2);
      return;
    }
    for (String a : args) if (a.equals("--exit-when-stdin-closes")) exitWhenStdinCloses();
    try {
      if (config.get("role").asText().equals("locator")) LocatorProcess.run(config);
      else MemberProcess.run(config);
    } catch (Exception e) {
      StartFailure failure = StartFailure.of(e);
      e.printStackTrace();
      System.err.println("error " + failure.code() + ": " + failure.message());
      System.err.println("hint: " + failure.hint());
      System.exit(failure.exitCode());
    }
  }

  private static String argument(String[] args, String name) {
    for (int i = 0; i + 1 < args.length; i++) if (args[i].equals(name)) return args[i + 1];
    System.err.println("error WAN_ERR_CONFIG_UNREADABLE: " + name + " <file> is missing");
    System.exit(2);
    return null;
  }

  /** The harness closes our stdin when it goes: then stop (shutdown hooks close Geode). */
  private static void exitWhenStdinCloses() {
    Thread watch = new Thread(() -> {
      try (InputStream in = System.in) {
        while (in.read() >= 0) { /* discard */ }
      } catch (Exception ignored) {
        // closed: stop below
      }
      System.exit(0);
    }, "stdin-watch");
    watch.setDaemon(true);
    watch.start();
  }
}
