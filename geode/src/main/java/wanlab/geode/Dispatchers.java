package wanlab.geode;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.apache.geode.cache.client.internal.Connection;
import org.apache.geode.cache.wan.internal.GatewaySenderEventRemoteDispatcher;
import org.apache.geode.internal.cache.wan.AbstractGatewaySender;
import org.apache.geode.internal.cache.wan.AbstractGatewaySenderEventProcessor;
import org.apache.geode.internal.cache.wan.GatewaySenderEventDispatcher;
import org.apache.geode.internal.cache.wan.parallel.ConcurrentParallelGatewaySenderEventProcessor;
import org.apache.geode.internal.cache.wan.serial.ConcurrentSerialGatewaySenderEventProcessor;

/**
 * A sender's dispatchers (one per dispatcher thread) and the receiver address they dial.
 * Geode keeps a dispatcher's connection in a private field; reading it is the only way to
 * see the address without opening a connection (getConnection connects when there is none).
 */
final class Dispatchers {
  private Dispatchers() {}

  static List<GatewaySenderEventDispatcher> of(AbstractGatewaySender sender) {
    List<GatewaySenderEventDispatcher> out = new ArrayList<>();
    AbstractGatewaySenderEventProcessor processor = sender.getEventProcessor();
    if (processor instanceof ConcurrentSerialGatewaySenderEventProcessor serial) {
      serial.getProcessors().forEach(p -> add(out, p.getDispatcher()));
    } else if (processor instanceof ConcurrentParallelGatewaySenderEventProcessor parallel) {
      parallel.getProcessors().forEach(p -> add(out, p.getDispatcher()));
    } else if (processor != null) {
      add(out, processor.getDispatcher());
    }
    return out;
  }

  private static void add(List<GatewaySenderEventDispatcher> out, GatewaySenderEventDispatcher d) {
    if (d != null) out.add(d);
  }

  /** host:port of the first connected dispatcher's receiver (as dialled: a proxy), or null. */
  static String receiver(AbstractGatewaySender sender) {
    for (GatewaySenderEventDispatcher d : of(sender)) {
      if (!(d instanceof GatewaySenderEventRemoteDispatcher remote) || !d.isConnectedToRemote()) continue;
      Connection connection = connectionOf(remote);
      if (connection != null && connection.getServer() != null) {
        return connection.getServer().getHostName() + ":" + connection.getServer().getPort();
      }
    }
    return null;
  }

  private static Connection connectionOf(GatewaySenderEventRemoteDispatcher remote) {
    try {
      Field field = GatewaySenderEventRemoteDispatcher.class.getDeclaredField("connection");
      field.setAccessible(true);
      return (Connection) field.get(remote);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
