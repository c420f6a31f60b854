package dev.wayfinder.admin;

import dev.wayfinder.dns.AnswerSource;
import dev.wayfinder.dns.QueryProtocol;
import dev.wayfinder.dns.QueryRecorder;
import dev.wayfinder.dns.RateLimitAction;
import io.micrometer.core.instrument.Timer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * One event-loop thread's DNS counts, in plain arrays indexed by {@link DnsMetricsLabels}: the
 * query path bumps a slot (no meter look-up, no shared cache line, no atomic instruction), and the
 * meters of {@link MicrometerDnsMetrics} sum the slots of every thread when scraped. Only its own
 * thread writes; writes and reads are opaque, so a scrape sees each count whole and recent.
 */
final class DnsMetricsRecorder implements QueryRecorder {
  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

  private final MicrometerDnsMetrics metrics;
  private final Timer duration;
  private final long[] requests = new long[DnsMetricsLabels.SLOTS];
  private final long[] responses = new long[DnsMetricsLabels.RCODES];
  private final long[] sources = new long[AnswerSource.values().length];
  private final long[] dropped = new long[QueryProtocol.values().length];
  private final long[] rateLimited = new long[RateLimitAction.values().length];

  /** [0] forwarded queries refused over forward_in_flight, [1] TCP connections refused. */
  private final long[] refused = new long[2];

  DnsMetricsRecorder(MicrometerDnsMetrics metrics, Timer duration) {
    this.metrics = metrics;
    this.duration = duration;
  }

  @Override
  public void replied(
      QueryProtocol protocol,
      int qtype,
      AnswerSource source,
      int rcode,
      int answers,
      long latencyNanos,
      InetSocketAddress client,
      byte[] lowerName,
      int nameLength) {
    int slot =
        DnsMetricsLabels.requestSlot(
            protocol, DnsMetricsLabels.type(qtype), DnsMetricsLabels.zone(source));
    bump(requests, slot);
    metrics.requestSeen(slot);
    int r = DnsMetricsLabels.rcode(rcode);
    bump(responses, r);
    metrics.rcodeSeen(r);
    bump(sources, source.ordinal());
    duration.record(latencyNanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void dropped(QueryProtocol protocol) {
    bump(dropped, protocol.ordinal());
  }

  @Override
  public void rateLimited(RateLimitAction action) {
    bump(rateLimited, action.ordinal());
  }

  @Override
  public void forwardRejected() {
    bump(refused, 0);
  }

  @Override
  public void tcpRefused() {
    bump(refused, 1);
  }

  private static void bump(long[] counts, int i) {
    SLOT.setOpaque(counts, i, (long) SLOT.getOpaque(counts, i) + 1);
  }

  private static long read(long[] counts, int i) {
    return (long) SLOT.getOpaque(counts, i);
  }

  long requests(int slot) {
    return read(requests, slot);
  }

  long responses(int rcodeIndex) {
    return read(responses, rcodeIndex);
  }

  long answeredFrom(AnswerSource source) {
    return read(sources, source.ordinal());
  }

  long droppedCount(QueryProtocol protocol) {
    return read(dropped, protocol.ordinal());
  }

  long rateLimitedCount(RateLimitAction action) {
    return read(rateLimited, action.ordinal());
  }

  long forwardRejectedCount() {
    return read(refused, 0);
  }

  long tcpRefusedCount() {
    return read(refused, 1);
  }
}
