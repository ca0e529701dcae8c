package io.einstruct.search.worker;

import io.einstruct.dsl.library.Library;
import io.einstruct.search.store.StudyStatus;
import io.einstruct.search.store.TrialStore;
import io.einstruct.search.study.PruneResource;
import io.einstruct.search.study.PrunerSpec;
import io.einstruct.search.study.StudySpec;
import io.einstruct.train.data.DataCache;
import io.einstruct.train.run.StopRequest;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the workers of one process on one study until nothing is left to claim: {@code einstruct
 * search} starts them after adding the study's trials, {@code einstruct worker} joins a study
 * another process created.
 */
public final class StudyRunner {
  private final TrialStore store;
  private final Library library;
  private final WorkerOptions options;
  private final WorkerListener listener;
  private final StopRequest stop;

  /**
   * Workers on {@code store}; a request on {@code stop} makes each checkpoint its trial, give it
   * back (queued, its attempt not counted) and return.
   */
  public StudyRunner(
      TrialStore store,
      Library library,
      WorkerOptions options,
      WorkerListener listener,
      StopRequest stop) {
    this.store = store;
    this.library = library;
    this.options = options;
    this.listener = listener;
    this.stop = stop;
  }

  /**
   * Runs {@code workers} workers on the study until it has nothing to claim; returns its status.
   */
  public StudyStatus run(long studyId, String study, StudySpec spec, int workers) {
    Pruning pruning = pruning(spec);
    List<Thread> threads = new ArrayList<>();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    String process = processName();
    DataCache data = new DataCache();
    for (int i = 0; i < workers; i++) {
      Worker worker =
          new Worker(
              store,
              studyId,
              process + "/" + i,
              library,
              options.withLocalWorkers(workers),
              pruning,
              listener,
              data,
              stop);
      Thread t =
          new Thread(
              () -> {
                try {
                  worker.run();
                } catch (RuntimeException e) {
                  failure.compareAndSet(null, e);
                }
              },
              "einstruct-worker-" + i);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while workers were running", e);
      }
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    return store.status(study);
  }

  /** The pruner a study asks for, or null. */
  static Pruning pruning(StudySpec spec) {
    PrunerSpec p = spec.pruner();
    if (p == null) {
      return null;
    }
    PruneResource resource = PruneResource.of(p.resource());
    java.util.Set<String> keep =
        p.keep() == null ? java.util.Set.of() : java.util.Set.copyOf(p.keep());
    if (resource == PruneResource.FLOPS) {
      return new Pruning(p.eta(), p.minResource(), Double.POSITIVE_INFINITY, resource, keep);
    }
    int epochs = spec.task().epochs() == null ? 5 : spec.task().epochs();
    return new Pruning(p.eta(), p.minResource(), epochs, resource, keep);
  }

  /** host:pid and a short random suffix, unique across machines and restarts. */
  static String processName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = "host";
    }
    String pid = ManagementFactory.getRuntimeMXBean().getName().split("@")[0];
    return host + ":" + pid + ":" + UUID.randomUUID().toString().substring(0, 6);
  }

  /** The threads each of {@code workers} local workers should use on this machine. */
  public static int threadsPerWorker(int workers) {
    return Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, workers));
  }
}
