package dev.wayfinder.dns.querylog;

import dev.wayfinder.config.QueryLogConfig;
import dev.wayfinder.dns.AnswerSource;
import dev.wayfinder.dns.QueryObserver;
import dev.wayfinder.dns.QueryProtocol;
import dev.wayfinder.dns.QueryRecorder;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * The query log ({@code query_log}): one JSON line per chosen query, to standard output or appended
 * to a file. Modes: {@code full} (every query), {@code sampled} (each query with probability {@code
 * sample_rate}), {@code errors-only} (replies whose RCODE is neither NOERROR nor NXDOMAIN:
 * SERVFAIL, REFUSED, FORMERR, NOTIMP, BADVERS, ...; dropped queries have no reply and are not
 * logged), {@code off}.
 *
 * <p>The query thread decides (a per-thread random draw for sampling), copies the few fields into a
 * small {@link QueryLogEntry} and offers it to a bounded queue: it never blocks, and when the queue
 * is full the line is dropped and counted ({@link #dropped()}). One {@link QueryLogWriter} thread
 * formats and writes. Lifecycle: {@link #start}, then {@link #stop} (writes what is queued and
 * flushes).
 */
public final class QueryLog implements QueryObserver, QueryRecorder, AutoCloseable {
  /** Lines queued at most; about 100 bytes each. */
  public static final int DEFAULT_CAPACITY = 65_536;

  private final QueryLogConfig config;
  private final ArrayBlockingQueue<QueryLogEntry> queue;
  private final LongAdder dropped = new LongAdder();
  private QueryLogWriter writer;

  public QueryLog(QueryLogConfig config) {
    this(config, DEFAULT_CAPACITY);
  }

  QueryLog(QueryLogConfig config, int capacity) {
    this.config = config;
    this.queue = new ArrayBlockingQueue<>(capacity);
  }

  /**
   * Opens the target and starts the writer (nothing when the mode is {@code off}).
   *
   * @throws IOException when the file cannot be opened for appending
   */
  public synchronized void start() throws IOException {
    if (config.mode() == QueryLogConfig.Mode.OFF || writer != null) {
      return;
    }
    boolean stdout = QueryLogConfig.STDOUT.equals(config.path());
    OutputStream target;
    try {
      target =
          stdout
              ? new FileOutputStream(FileDescriptor.out)
              : Files.newOutputStream(
                  Path.of(config.path()), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new IOException("query_log.path: cannot append to " + config.path() + ": " + e, e);
    }
    start(target, !stdout);
  }

  /** Starts the writer on {@code target} (tests hand in a stream of their own). */
  synchronized void start(OutputStream target, boolean closeTarget) {
    writer = new QueryLogWriter(queue, target, closeTarget, dropped::increment);
    writer.start();
  }

  /** Lines dropped: the queue was full, or the target could not be written. */
  public long dropped() {
    return dropped.sum();
  }

  @Override
  public QueryRecorder recorder() {
    return config.mode() == QueryLogConfig.Mode.OFF ? QueryRecorder.NOOP : this;
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
    if (!wanted(rcode)) {
      return;
    }
    QueryLogEntry entry =
        new QueryLogEntry(
            System.currentTimeMillis(),
            client,
            protocol,
            Arrays.copyOf(lowerName, nameLength),
            qtype,
            rcode,
            answers,
            latencyNanos,
            source);
    if (!queue.offer(entry)) {
      dropped.increment();
    }
  }

  private boolean wanted(int rcode) {
    return switch (config.mode()) {
      case FULL -> true;
      case SAMPLED -> ThreadLocalRandom.current().nextDouble() < config.sampleRate();
      case ERRORS_ONLY -> rcode != 0 && rcode != 3; // neither NOERROR nor NXDOMAIN
      case OFF -> false;
    };
  }

  /** Writes what is queued, flushes, and stops the writer, waiting at most {@code timeout}. */
  public synchronized void stop(Duration timeout) {
    if (writer != null) {
      writer.stop(timeout);
      writer = null;
    }
  }

  /** {@link #stop} with 2 seconds to write what is queued. */
  @Override
  public void close() {
    stop(Duration.ofSeconds(2));
  }
}
