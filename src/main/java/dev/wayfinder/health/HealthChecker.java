package dev.wayfinder.health;

import dev.wayfinder.registry.Endpoint;
import dev.wayfinder.registry.HealthSpec;
import dev.wayfinder.registry.RegistryChanges;
import dev.wayfinder.registry.Service;
import dev.wayfinder.registry.ServiceChange;
import java.net.InetAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health-checking engine: probes every endpoint of every service, keeps each endpoint's state
 * (SPEC "Endpoint state"), and answers {@link HealthView#state} from memory without locking.
 *
 * <p>Life cycle: construct, {@link #update} with the registry's services (before or after start),
 * {@link #start()} once, {@link #stop(Duration)} once. Operational state ({@link #drain}, {@link
 * #setMaintenance}, {@link #setEndpointMaintenance}) works at any time and survives updates of the
 * service; it is held in memory only (durability belongs to the caller).
 *
 * <p>Every change of a reported state is logged, kept in a bounded ring ({@link #events()}),
 * counted in {@link HealthMetrics}, and handed to the listeners on one dedicated thread, in order,
 * so a slow listener (a zone rebuild) never holds up probing.
 */
public final class HealthChecker implements HealthView, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HealthChecker.class);

  /** Default bound on probes in flight at once. */
  public static final int DEFAULT_MAX_CONCURRENT_PROBES = 2048;

  /**
   * The first round launches at most this many probes a second: it is spread over {@code
   * max(interval, endpoints / rate)}. The JVM starts cold (class loading, JIT, the first
   * connections): probing thousands of endpoints within the first second makes many of those first
   * probes time out, and each such timeout decides an endpoint unhealthy (the first result
   * decides). Spread over a few seconds, the load ramps up while the code warms.
   */
  static final int FIRST_ROUND_RATE = 2000;

  /** Default number of events kept. */
  public static final int DEFAULT_EVENT_CAPACITY = 1000;

  private static final CompletionStage<?> DONE = CompletableFuture.completedFuture(null);

  private final HealthMetrics metrics;
  private final InstantSource clock;
  private final int maxConcurrentProbes;
  private final EventRing events;

  /** One instance for every state machine (a method reference per service is an object each). */
  private final Recorder recorder;

  /** Replaced only while empty (see {@link #update}); written under this object's lock. */
  private volatile Map<String, ServiceHealth> services = new ConcurrentHashMap<>();

  private final List<Consumer<StateChange>> listeners = new CopyOnWriteArrayList<>();

  /** Set once, before probing starts: the cluster's vote decides verdicts (see {@link #vote}). */
  private volatile Consumer<Verdict> voter;

  private final ExecutorService notifier =
      Executors.newSingleThreadExecutor(
          Thread.ofPlatform().name("health-events").daemon().factory());
  private ProbeScheduler scheduler; // guarded by this; set by start()
  private volatile boolean stopped;

  /** A checker with no metrics, the system clock and the default bounds. */
  public HealthChecker() {
    this(
        HealthMetrics.NOOP,
        InstantSource.system(),
        DEFAULT_MAX_CONCURRENT_PROBES,
        DEFAULT_EVENT_CAPACITY);
  }

  /**
   * @param metrics where numbers go ({@link HealthMetrics#NOOP} for none)
   * @param clock the wall clock of events and last probes (intervals use {@code System.nanoTime})
   * @param maxConcurrentProbes how many probes may run at once
   * @param eventCapacity how many events {@link #events()} keeps
   */
  public HealthChecker(
      HealthMetrics metrics, InstantSource clock, int maxConcurrentProbes, int eventCapacity) {
    if (maxConcurrentProbes < 1) {
      throw new IllegalArgumentException(
          "maxConcurrentProbes must be positive: " + maxConcurrentProbes);
    }
    this.metrics = metrics;
    this.clock = clock;
    this.maxConcurrentProbes = maxConcurrentProbes;
    this.events = new EventRing(eventCapacity);
    this.recorder =
        new Recorder() {
          @Override
          public void accept(StateChange change) {
            events.add(change);
          }

          @Override
          public boolean voting() {
            return voter != null;
          }
        };
    metrics.registerEndpointCounts(this::endpointCounts);
  }

  /**
   * Cluster mode: from now on this node's own probe verdicts go to {@code voter} (each change of
   * one, after rise/fall) instead of deciding endpoint states, and states follow {@link #decide}.
   * Call once, before {@link #start()}. {@code voter} runs on a probe's thread: it must only hand
   * the verdict on, never block.
   */
  public void vote(Consumer<Verdict> voter) {
    if (this.voter != null) {
      throw new IllegalStateException("vote() may be called once");
    }
    this.voter = voter;
  }

  /**
   * Cluster mode: sets the verdict the nodes' vote decided for an endpoint; overrides (drain,
   * maintenance) still win over it. False when the endpoint is not known here.
   */
  public boolean decide(String service, InetAddress address, EndpointState state, String reason) {
    return onEndpoint(service, address, (e, now) -> e.decide(state, reason, now));
  }

  /**
   * This node's own verdict for an endpoint (after rise/fall, beneath any override), {@code
   * UNKNOWN} before its first probe or when it is not known here.
   */
  public EndpointState verdict(String service, InetAddress address) {
    ServiceHealth s = services.get(service);
    EndpointHealth e = s == null ? null : s.endpoint(address);
    return e == null ? EndpointState.UNKNOWN : e.verdict();
  }

  /** Starts probing the services given so far and those added later. */
  public synchronized void start() {
    if (scheduler != null || stopped) {
      throw new IllegalStateException("start() may be called once, before stop()");
    }
    long probed =
        services.values().stream()
            .filter(s -> s.probe() != null)
            .mapToLong(s -> s.endpoints().size())
            .sum();
    Duration spread = Duration.ofMillis(probed * 1000 / FIRST_ROUND_RATE);
    scheduler = new ProbeScheduler(maxConcurrentProbes, spread);
    services.values().forEach(s -> s.scheduleMissing(scheduler, this::probeTask));
  }

  /**
   * Stops probing: probes in flight are interrupted and their results dropped; listeners get the
   * changes already queued. Waits at most {@code timeout}.
   */
  public void stop(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    ProbeScheduler running;
    synchronized (this) {
      stopped = true;
      running = scheduler;
      services.values().forEach(ServiceHealth::close);
    }
    try {
      if (running != null && !running.stop(timeout)) {
        log.warn("probes still running after {}", timeout);
      }
      notifier.shutdown();
      notifier.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(5));
  }

  /**
   * Takes the registry's whole service list: adds, removes and reschedules endpoints. Endpoints
   * that stay keep their state; a service whose {@code health:} changed gets a new probe.
   */
  public synchronized void update(Collection<Service> current) {
    if (services.isEmpty()) {
      // Sized for the whole list at once (the map allows for its load factor itself): grown one
      // service at a time, it resizes at every doubling, each resize a copy of every entry.
      services = new ConcurrentHashMap<>(Math.max(16, current.size()));
    }
    Set<String> names = HashSet.newHashSet(current.size());
    for (Service s : current) {
      names.add(s.name());
      put(s);
    }
    for (String known : List.copyOf(services.keySet())) {
      if (!names.contains(known)) {
        remove(known);
      }
    }
  }

  /**
   * Applies one batch of the registry: probes start for added services and stop for removed ones; a
   * changed service keeps the state of every endpoint whose address stays (identity is the address,
   * not the position), and gets a new probe when its {@code health:} changed. Services the batch
   * does not name are not touched.
   */
  public synchronized void apply(RegistryChanges batch) {
    for (ServiceChange change : batch.changes()) {
      if (change.removed()) {
        remove(change.name());
      } else {
        put(change.after());
      }
    }
  }

  private void put(Service s) {
    ServiceHealth known = services.get(s.name());
    if (known == null) {
      known = new ServiceHealth(s, recorder);
      services.put(s.name(), known);
    } else {
      known.replace(s, this::newcomer);
    }
    if (scheduler != null && !stopped) {
      known.scheduleMissing(scheduler, this::probeTask);
    }
  }

  private void remove(String name) {
    ServiceHealth gone = services.remove(name);
    if (gone != null) {
      gone.close();
    }
  }

  /** True when {@code service} is known here and has a probe running or scheduled. */
  public boolean probing(String service) {
    ServiceHealth s = services.get(service);
    return s != null && s.probe() != null && !stopped;
  }

  /** An endpoint added to a known service: under the service's maintenance if that is on. */
  private EndpointHealth newcomer(String service, InetAddress address) {
    EndpointHealth e = new EndpointHealth(service, address, recorder);
    ServiceHealth s = services.get(service);
    if (s != null && s.maintenance()) {
      e.setServiceMaintenance(true, clock.instant());
    }
    return e;
  }

  @Override
  public EndpointState state(Service service, Endpoint endpoint) {
    return state(service.name(), endpoint.address());
  }

  /**
   * The reported state of an endpoint; {@code UNKNOWN} (counted healthy) for one not known here.
   */
  public EndpointState state(String service, InetAddress address) {
    ServiceHealth s = services.get(service);
    EndpointHealth e = s == null ? null : s.endpoint(address);
    return e == null ? EndpointState.UNKNOWN : e.state();
  }

  /** The last probe of an endpoint, empty before its first probe or when it is not known. */
  public Optional<LastProbe> lastProbe(String service, InetAddress address) {
    ServiceHealth s = services.get(service);
    EndpointHealth e = s == null ? null : s.endpoint(address);
    return Optional.ofNullable(e == null ? null : e.lastProbe());
  }

  /** True when every probed endpoint has been probed at least once (for {@code /readyz}). */
  public boolean firstRoundDone() {
    return services.values().stream()
        .filter(s -> s.probe() != null)
        .flatMap(s -> s.endpoints().stream())
        .allMatch(e -> e.lastProbe() != null);
  }

  /** Whether the whole service is in maintenance. */
  public boolean inMaintenance(String service) {
    ServiceHealth s = services.get(service);
    return s != null && s.maintenance();
  }

  /** Takes an endpoint out of answers while it keeps being probed; false when not known. */
  public boolean drain(String service, InetAddress address) {
    return onEndpoint(service, address, (e, now) -> e.setDrained(true, now));
  }

  /** Ends a drain: the endpoint's probe verdict applies again; false when not known. */
  public boolean undrain(String service, InetAddress address) {
    return onEndpoint(service, address, (e, now) -> e.setDrained(false, now));
  }

  /** Puts one endpoint in or out of maintenance; false when not known. */
  public boolean setEndpointMaintenance(String service, InetAddress address, boolean on) {
    return onEndpoint(service, address, (e, now) -> e.setMaintenance(on, now));
  }

  /** Puts a whole service in or out of maintenance; false when not known. */
  public synchronized boolean setMaintenance(String service, boolean on) {
    ServiceHealth s = services.get(service);
    if (s == null) {
      return false;
    }
    s.setMaintenance(on);
    s.makeMachines();
    for (EndpointHealth e : s.endpoints()) {
      publish(e.setServiceMaintenance(on, clock.instant()));
    }
    return true;
  }

  private interface Operation {
    StateChange apply(EndpointHealth endpoint, java.time.Instant now);
  }

  private synchronized boolean onEndpoint(String service, InetAddress address, Operation op) {
    ServiceHealth s = services.get(service);
    if (s != null) {
      s.makeMachines();
    }
    EndpointHealth e = s == null ? null : s.endpoint(address);
    if (e == null) {
      return false;
    }
    publish(op.apply(e, clock.instant()));
    return true;
  }

  /** Recent state changes, newest last, at most the event capacity. */
  public List<StateChange> events() {
    return events.snapshot();
  }

  /**
   * Subscribes to state changes. Listeners run on one dedicated thread, in order of the changes; an
   * exception from one is logged and does not stop the others.
   */
  public void addListener(Consumer<StateChange> listener) {
    listeners.add(listener);
  }

  /** Stops telling {@code listener}, the instance given to {@link #addListener}. */
  public void removeListener(Consumer<StateChange> listener) {
    listeners.remove(listener);
  }

  /** The number of endpoints in each state; every state is present. */
  public Map<EndpointState, Integer> endpointCounts() {
    Map<EndpointState, Integer> counts = new EnumMap<>(EndpointState.class);
    for (EndpointState s : EndpointState.values()) {
      counts.put(s, 0);
    }
    services
        .values()
        .forEach(
            s -> {
              s.endpoints().forEach(e -> counts.merge(e.state(), 1, Integer::sum));
              counts.merge(EndpointState.UNKNOWN, s.unmade(), Integer::sum);
            });
    return counts;
  }

  private ProbeScheduler.Check probeTask(ServiceHealth service, EndpointHealth endpoint) {
    if (service.probe() instanceof AsyncProbe) {
      return (ProbeScheduler.Async) () -> startProbe(service, endpoint);
    }
    return (ProbeScheduler.Blocking) () -> probeOnce(service, endpoint);
  }

  /** On the timer: starts an async probe; its verdict is applied on the I/O thread. */
  private CompletionStage<?> startProbe(ServiceHealth service, EndpointHealth endpoint) {
    if (!(service.probe() instanceof AsyncProbe probe)) {
      return DONE; // the probe was replaced meanwhile; its new schedule takes over
    }
    long start = System.nanoTime();
    return probe
        .start(endpoint.address())
        .handle(
            (result, error) -> {
              record(service, endpoint, result != null ? result : failure(error), start);
              return null;
            });
  }

  /** On a blocking probe's virtual thread. */
  private void probeOnce(ServiceHealth service, EndpointHealth endpoint)
      throws InterruptedException {
    Probe probe = service.probe();
    if (probe == null) {
      return;
    }
    long start = System.nanoTime();
    ProbeResult result;
    try {
      result = probe.check(endpoint.address());
    } catch (RuntimeException e) {
      result = failure(e);
    }
    if (!Thread.currentThread().isInterrupted()) {
      record(service, endpoint, result, start);
    }
  }

  private static ProbeResult failure(Throwable error) {
    log.warn("a probe threw", error);
    return ProbeResult.fail("probe error: " + error);
  }

  /** Applies one probe's result: the state machine, last_probe, metrics, events. */
  private void record(
      ServiceHealth service, EndpointHealth endpoint, ProbeResult result, long startNanos) {
    if (stopped || service.endpoint(endpoint.address()) != endpoint) {
      return; // stopping, or the endpoint was removed meanwhile: the result no longer matters
    }
    HealthSpec health = service.service().health();
    Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
    metrics.probeCompleted(service.name(), result.outcome(), took);
    LastProbe last =
        new LastProbe(clock.instant(), result.outcome().ok(), result.detail(), took.toMillis());
    Consumer<Verdict> v = voter;
    EndpointState was = v == null ? null : endpoint.verdict();
    publish(endpoint.onProbe(result, last, health.rise(), health.fall(), last.time()));
    if (v != null) {
      EndpointState now = endpoint.verdict();
      if (now != was) {
        v.accept(new Verdict(service.name(), endpoint.address(), now, result.detail()));
      }
    }
  }

  private void publish(StateChange change) {
    if (change == null) {
      return;
    }
    metrics.stateChanged(change); // the ring has it already (EndpointHealth records it)
    try {
      // Logged on the events thread too: the change may come from the probes' I/O thread, which
      // must not format and write log lines (a burst of changes would delay the probes after it).
      notifier.execute(
          () -> {
            logChange(change);
            notifyListeners(change);
          });
    } catch (RejectedExecutionException e) {
      log.debug("stopped; listeners not told of {}", change);
    }
  }

  private static void logChange(StateChange change) {
    if (change.from() == EndpointState.UNKNOWN && change.to() == EndpointState.HEALTHY) {
      log.debug("endpoint {}", change); // the expected first verdict: 10,000 of them at startup
    } else {
      log.info("endpoint {}", change);
    }
  }

  private void notifyListeners(StateChange change) {
    for (Consumer<StateChange> l : listeners) {
      try {
        l.accept(change);
      } catch (RuntimeException e) {
        log.error("health listener failed on {}", change, e);
      }
    }
  }
}
