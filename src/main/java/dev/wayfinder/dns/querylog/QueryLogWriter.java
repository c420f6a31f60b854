package dev.wayfinder.dns.querylog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query log's one writer thread: takes entries from the queue in batches, formats them ({@link
 * QueryLogFormat}) into a buffered stream, and flushes whenever the queue runs empty.
 *
 * <p>The queue is never waited on: the writer polls it and parks for {@link #IDLE} when it is
 * empty, so a query thread's offer never has a sleeping consumer to wake (which would be a system
 * call per query). A write error is logged once; the entries that meet it are counted as dropped.
 */
final class QueryLogWriter {
  private static final Logger log = LoggerFactory.getLogger(QueryLogWriter.class);

  /** How long the writer sleeps when the queue is empty: at most this late, a line is written. */
  static final Duration IDLE = Duration.ofMillis(5);

  private static final int BATCH = 1024;

  private final BlockingQueue<QueryLogEntry> queue;
  private final OutputStream target;
  private final boolean closeTarget;
  private final Runnable onDrop;
  private final QueryLogFormat format = new QueryLogFormat();
  private volatile boolean stopping;
  private Thread thread;
  private boolean failed;

  /**
   * @param closeTarget false for standard output, which stays open
   * @param onDrop called once per entry that could not be written
   */
  QueryLogWriter(
      BlockingQueue<QueryLogEntry> queue,
      OutputStream target,
      boolean closeTarget,
      Runnable onDrop) {
    this.queue = queue;
    this.target = target;
    this.closeTarget = closeTarget;
    this.onDrop = onDrop;
  }

  void start() {
    thread = Thread.ofPlatform().name("wayfinder-query-log").daemon().start(this::run);
  }

  /** Writes what is queued, flushes, and ends the thread; waits at most {@code timeout}. */
  void stop(Duration timeout) {
    stopping = true;
    if (thread != null) {
      LockSupport.unpark(thread);
      try {
        thread.join(timeout);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run() {
    OutputStream out = new BufferedOutputStream(target, 1 << 16);
    List<QueryLogEntry> batch = new ArrayList<>(BATCH);
    try (JsonGenerator json = generator(out)) {
      while (true) {
        boolean last = stopping; // read before draining: what was queued before stop is written
        if (queue.drainTo(batch, BATCH) == 0) {
          flush(json, out);
          if (last) {
            break;
          }
          LockSupport.parkNanos(IDLE.toNanos());
          continue;
        }
        for (QueryLogEntry e : batch) {
          write(json, e);
        }
        batch.clear();
      }
    } catch (IOException | RuntimeException e) {
      log.warn("the query log stopped: {}", e.toString());
    } finally {
      if (closeTarget) {
        try {
          target.close();
        } catch (IOException e) {
          log.warn("cannot close the query log: {}", e.toString());
        }
      }
    }
  }

  private static JsonGenerator generator(OutputStream out) throws IOException {
    JsonGenerator json =
        new JsonFactory()
            .createGenerator(out)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
    json.setRootValueSeparator(null);
    return json;
  }

  private void write(JsonGenerator json, QueryLogEntry e) {
    if (failed) {
      onDrop.run();
      return;
    }
    try {
      format.write(json, e);
      json.writeRaw('\n');
    } catch (IOException ex) {
      fail(ex);
      onDrop.run();
    }
  }

  private void flush(JsonGenerator json, OutputStream out) {
    if (failed) {
      return;
    }
    try {
      json.flush();
      out.flush();
    } catch (IOException ex) {
      fail(ex);
    }
  }

  private void fail(IOException e) {
    failed = true;
    log.warn("cannot write the query log; its lines are dropped from now on: {}", e.toString());
  }
}
