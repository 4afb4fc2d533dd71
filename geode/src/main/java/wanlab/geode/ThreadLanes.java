package wanlab.geode;

import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A write naming a client thread runs on one Java thread per client thread, so Geode's order
 * policy `thread` sees one thread's writes from one thread, in order.
 */
final class ThreadLanes {
  private final ConcurrentHashMap<Integer, ExecutorService> lanes = new ConcurrentHashMap<>();

  <T> T run(Integer thread, Callable<T> work) throws Exception {
    if (thread == null) return work.call();
    ExecutorService lane = lanes.computeIfAbsent(thread, t -> Executors.newSingleThreadExecutor(r -> {
      Thread th = new Thread(r, "client-thread-" + t);
      th.setDaemon(true);
      return th;
    }));
    try {
      return lane.submit(work).get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) throw cause;
      throw e;
    }
  }
}
