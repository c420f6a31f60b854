package dev.wayfinder.health;

import java.net.InetAddress;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The state machine of one endpoint. Two layers:
 *
 * <ul>
 *   <li>the probe verdict ({@code UNKNOWN}, {@code HEALTHY}, {@code UNHEALTHY}): the first probe
 *       result decides it at once; after that it flips only after {@code rise} consecutive passes
 *       or {@code fall} consecutive failures, so a target alternating pass/fail never flips it;
 *   <li>operational overrides (endpoint or service maintenance, drain) that win over the verdict
 *       while set. The verdict keeps moving underneath, so clearing an override restores the
 *       current verdict.
 * </ul>
 *
 * <p>Mutators return the {@link StateChange} of the reported state, or {@code null} when it did not
 * change. Mutations are serialized by the monitor (short, never blocking); {@link #state()} reads a
 * volatile and never locks, so DNS answers never wait for probing.
 */
final class EndpointHealth {
  private final String service;
  private final InetAddress address;

  /**
   * At most one probe of this endpoint runs at a time; set while one is in flight. Made when the
   * endpoint is first scheduled: most endpoints of a large registry of type {@code none} never are.
   */
  private AtomicBoolean probing;

  private EndpointState verdict = EndpointState.UNKNOWN;

  /** Consecutive results that disagree with {@link #verdict}. */
  private int streak;

  /** The vote's verdict in cluster mode ({@link Recorder#voting()}); unknown until the first. */
  private EndpointState decided = EndpointState.UNKNOWN;

  private boolean drained;
  private boolean maintenance;
  private boolean serviceMaintenance;
  private volatile EndpointState reported = EndpointState.UNKNOWN;
  private volatile LastProbe lastProbe;

  /** Hears every change before it becomes visible through {@link #state()}. */
  private final Recorder recorder;

  EndpointHealth(String service, InetAddress address) {
    this(service, address, change -> {});
  }

  EndpointHealth(String service, InetAddress address, Recorder recorder) {
    this.service = service;
    this.address = address;
    this.recorder = recorder;
  }

  InetAddress address() {
    return address;
  }

  /**
   * The flag the scheduler holds while a probe of this endpoint is in flight (one for its life).
   */
  synchronized AtomicBoolean probing() {
    if (probing == null) {
      probing = new AtomicBoolean();
    }
    return probing;
  }

  /** The state DNS and the API see. */
  EndpointState state() {
    return reported;
  }

  /** The probe verdict beneath any override. */
  synchronized EndpointState verdict() {
    return verdict;
  }

  /** The last probe, or {@code null} before the first one. */
  LastProbe lastProbe() {
    return lastProbe;
  }

  /** Records a probe result under the service's thresholds. */
  synchronized StateChange onProbe(
      ProbeResult result, LastProbe probe, int rise, int fall, Instant now) {
    EndpointState before = reported;
    lastProbe = probe;
    verdict = nextVerdict(result.outcome().ok(), rise, fall);
    return settle(before, result.detail(), now);
  }

  private EndpointState nextVerdict(boolean ok, int rise, int fall) {
    EndpointState wanted = ok ? EndpointState.HEALTHY : EndpointState.UNHEALTHY;
    if (verdict == EndpointState.UNKNOWN || verdict == wanted) {
      // The first result decides at once (SPEC: unknown until the first probe); an agreeing
      // result breaks any streak of disagreeing ones.
      streak = 0;
      return wanted;
    }
    streak++;
    if (streak >= (ok ? rise : fall)) {
      streak = 0;
      return wanted;
    }
    return verdict;
  }

  /** Forgets a half-counted streak, e.g. when the probe configuration changed. */
  synchronized void resetStreak() {
    streak = 0;
  }

  /** Takes the cluster's verdict; it counts instead of {@link #verdict} while voting. */
  synchronized StateChange decide(EndpointState state, String reason, Instant now) {
    EndpointState before = reported;
    decided = state;
    return settle(before, reason, now);
  }

  synchronized StateChange setDrained(boolean on, Instant now) {
    EndpointState before = reported;
    drained = on;
    return settle(before, on ? "drained" : "undrained", now);
  }

  synchronized StateChange setMaintenance(boolean on, Instant now) {
    EndpointState before = reported;
    maintenance = on;
    return settle(before, on ? "endpoint maintenance on" : "endpoint maintenance off", now);
  }

  synchronized StateChange setServiceMaintenance(boolean on, Instant now) {
    EndpointState before = reported;
    serviceMaintenance = on;
    return settle(before, on ? "service maintenance on" : "service maintenance off", now);
  }

  synchronized boolean drained() {
    return drained;
  }

  synchronized boolean maintenance() {
    return maintenance;
  }

  /** Maintenance wins over drain, drain over the verdict (SPEC "Endpoint state"). */
  private StateChange settle(EndpointState before, String reason, Instant now) {
    EndpointState after;
    if (maintenance || serviceMaintenance) {
      after = EndpointState.MAINTENANCE;
    } else if (drained) {
      after = EndpointState.DRAINING;
    } else {
      after = recorder.voting() ? decided : verdict;
    }
    if (before == after) {
      return null;
    }
    StateChange change = new StateChange(now, service, address, before, after, reason);
    // Recorded before the new state is visible, so whoever sees the state also finds its event.
    recorder.accept(change);
    reported = after;
    return change;
  }
}
