package dev.wayfinder.publish;

import dev.wayfinder.health.HealthChecker;
import dev.wayfinder.health.StateChange;
import dev.wayfinder.registry.Registry;
import dev.wayfinder.registry.RegistryChanges;
import dev.wayfinder.registry.ServiceChange;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears registry and health changes and hands every target one {@link AnswerSetChange} per service
 * whose answer set changed.
 *
 * <p>Listeners only note the changed service's name, so DNS and health never wait here. The
 * publisher's own thread takes the noted names after a short {@code window} (changes of one moment,
 * such as a health round that turns several endpoints, make one change per service), recomputes
 * those services' sets only and passes the ones that differ from the last to the targets that
 * publish that service. Records are not withdrawn at shutdown: a restart must not black-hole a
 * name.
 */
public final class Publisher {
  private static final Logger log = LoggerFactory.getLogger(Publisher.class);

  /** How long noted changes wait for others of the same moment. */
  public static final Duration DEFAULT_WINDOW = Duration.ofMillis(100);

  /**
   * One target and the services it publishes.
   *
   * @param services true for the names of the services the target is given
   */
  public record Subscription(PublishTarget target, Predicate<String> services) {}

  private final Registry registry;
  private final HealthChecker health;
  private final List<Subscription> subscriptions;
  private final Duration window;
  private final AnswerSetTracker tracker;
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().name("wayfinder-publisher").daemon().unstarted(r));
  private final Set<String> noted = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean scheduled = new AtomicBoolean();

  /** This publisher's listeners, kept to be removed at {@link #stop}. */
  private final Consumer<RegistryChanges> registryListener = this::registryChanged;

  private final Consumer<StateChange> healthListener = this::healthChanged;
  private volatile boolean running;

  /**
   * @param zone the zone, lower case, without the trailing dot: owner names are {@code S.zone.}
   */
  public Publisher(
      Registry registry,
      HealthChecker health,
      String zone,
      List<Subscription> subscriptions,
      Duration window) {
    this.registry = registry;
    this.health = health;
    this.subscriptions = List.copyOf(subscriptions);
    this.window = window;
    this.tracker = new AnswerSetTracker(zone);
  }

  /**
   * Subscribes to {@code registry} and {@code health} and starts every target with the sets now.
   */
  public void start() {
    running = true;
    // Listening first: a change between here and the sets below is recomputed after them.
    registry.addListener(registryListener);
    health.addListener(healthListener);
    thread.execute(this::startTargets);
  }

  private void startTargets() {
    Map<String, List<InetAddress>> current = tracker.reset(registry.services(), health);
    for (Subscription s : subscriptions) {
      Map<String, List<InetAddress>> theirs = new LinkedHashMap<>();
      current.forEach(
          (name, set) -> {
            if (s.services().test(name)) {
              theirs.put(name, set);
            }
          });
      try {
        s.target().start(theirs);
      } catch (RuntimeException e) {
        log.warn("cannot start publishing to {} {}", s.target().type(), s.target().target(), e);
      }
    }
  }

  private void registryChanged(RegistryChanges batch) {
    for (ServiceChange c : batch.changes()) {
      note(c.name());
    }
  }

  private void healthChanged(StateChange change) {
    note(change.service());
  }

  /** Notes a service whose set may have changed; the publisher's thread looks soon. */
  void note(String service) {
    if (!running) {
      return;
    }
    noted.add(service);
    if (scheduled.compareAndSet(false, true)) {
      try {
        thread.schedule(this::publish, window.toMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        // stopped
      }
    }
  }

  private void publish() {
    scheduled.set(false); // names noted from here on make another round
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = noted.iterator(); it.hasNext(); ) {
      names.add(it.next());
      it.remove();
    }
    List<AnswerSetChange> changes = tracker.recompute(names, registry::get, health, Instant.now());
    for (AnswerSetChange change : changes) {
      for (Subscription s : subscriptions) {
        if (s.services().test(change.service())) {
          try {
            s.target().changed(change);
          } catch (RuntimeException e) {
            log.warn("publishing to {} {} failed", s.target().type(), s.target().target(), e);
          }
        }
      }
    }
  }

  /** Every target's status, in the order of {@code publish:}. */
  public List<TargetStatus> status() {
    List<TargetStatus> out = new ArrayList<>(subscriptions.size());
    for (Subscription s : subscriptions) {
      out.add(s.target().status());
    }
    return out;
  }

  /**
   * Stops listening and stops every target within {@code timeout}; records stay published. The
   * listeners are removed, so a stopped publisher is not kept alive by the registry and health
   * checker it heard (a new one is made to publish again).
   */
  public void stop(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    running = false;
    registry.removeListener(registryListener);
    health.removeListener(healthListener);
    thread.shutdownNow();
    try {
      thread.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Subscription s : subscriptions) {
      s.target().stop(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }
  }
}
