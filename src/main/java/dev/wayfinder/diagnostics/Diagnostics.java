package dev.wayfinder.diagnostics;

import dev.wayfinder.config.DiagnosticsConfig;
import dev.wayfinder.config.DiagnosticsConfig.Target;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the configured diagnostics: every target checked in parallel (one virtual thread each), the
 * report returned by an overall deadline whatever the targets do. {@link #run()} never throws: a
 * step that fails is part of the report, and a target still running at the deadline is reported as
 * far as it got.
 *
 * <p>Each step is bounded by the configured timeout (DNS once per upstream tried, up to {@value
 * #MAX_UPSTREAMS_TRIED}), so the overall deadline is the sum of a target's steps plus a second;
 * targets run together, so it does not grow with their number.
 */
public final class Diagnostics {
  private static final Logger log = LoggerFactory.getLogger(Diagnostics.class);

  /** Upstreams the DNS step tries, in order, before it reports no answer. */
  static final int MAX_UPSTREAMS_TRIED = 3;

  private final List<Target> targets;
  private final DnsLookup dns;
  private final Reach reach;
  private final Duration deadline;

  /** The run under way, which callers arriving meanwhile share; null between runs. */
  private final AtomicReference<CompletableFuture<DiagnosticsReport>> current =
      new AtomicReference<>();

  /**
   * @param config the targets, step timeout and CA file
   * @param upstreams the daemon's forwarding upstreams ({@code dns.forward.upstreams}, resolv.conf
   *     expanded), in order; the first {@value #MAX_UPSTREAMS_TRIED} are tried
   */
  public Diagnostics(DiagnosticsConfig config, List<InetSocketAddress> upstreams) {
    this(config, upstreams, defaultDeadline(config, upstreams));
  }

  /** With an overall deadline of its own, for tests of a report cut short. */
  Diagnostics(DiagnosticsConfig config, List<InetSocketAddress> upstreams, Duration deadline) {
    this.targets = config.targets();
    this.dns = new DnsLookup(tried(upstreams), config.timeout());
    this.reach = new Reach(config.timeout(), new TrustContext(config.caFile()));
    this.deadline = deadline;
  }

  private static List<InetSocketAddress> tried(List<InetSocketAddress> upstreams) {
    return upstreams.subList(0, Math.min(MAX_UPSTREAMS_TRIED, upstreams.size()));
  }

  /** DNS once per upstream tried, the connect, two handshakes that each connect too, a second. */
  private static Duration defaultDeadline(
      DiagnosticsConfig config, List<InetSocketAddress> upstreams) {
    return config.timeout().multipliedBy(tried(upstreams).size() + 5L).plusSeconds(1);
  }

  /** How long {@link #run()} takes at most. */
  public Duration deadline() {
    return deadline;
  }

  /**
   * Checks every target and returns the report, in config order, within {@link #deadline()}.
   * Callers that come while a run is under way get that run's report rather than starting another,
   * so a burst of requests does not multiply the outbound connections.
   */
  public DiagnosticsReport run() {
    CompletableFuture<DiagnosticsReport> mine = new CompletableFuture<>();
    CompletableFuture<DiagnosticsReport> running = current.compareAndExchange(null, mine);
    if (running != null) {
      return running.join();
    }
    try {
      DiagnosticsReport report = checkAll();
      mine.complete(report);
      return report;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      current.set(null);
    }
  }

  private DiagnosticsReport checkAll() {
    List<TargetCheck> checks = new ArrayList<>(targets.size());
    List<Future<?>> running = new ArrayList<>(targets.size());
    long end = System.nanoTime() + deadline.toNanos();
    ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    try {
      for (Target t : targets) {
        TargetCheck check = new TargetCheck(t, dns, reach);
        checks.add(check);
        running.add(threads.submit(check));
      }
      List<TargetReport> reports = new ArrayList<>(checks.size());
      for (int i = 0; i < checks.size(); i++) {
        reports.add(checks.get(i).report(await(running.get(i), end)));
      }
      return new DiagnosticsReport(reports);
    } finally {
      threads.shutdownNow();
    }
  }

  /** Whether the check finished by {@code end}; a check that threw is logged and finished. */
  private static boolean await(Future<?> check, long end) {
    try {
      check.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      log.warn("a diagnostics check failed", e.getCause());
      return true;
    } catch (TimeoutException e) {
      return false;
    }
  }
}
