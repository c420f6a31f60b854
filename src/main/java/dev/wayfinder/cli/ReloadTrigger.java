package dev.wayfinder.cli;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A one-slot trigger for config reloads: every source of "reload now" ({@link ConfigWatcher},
 * {@link HangupSignal}) calls {@link #request}, and the reload runs on one thread of its own, so
 * reloads never overlap and nobody who asks waits for one.
 *
 * <p>Requests coalesce: any number made while a reload is pending give that one reload; a request
 * made while a reload runs gives exactly one more after it, which reads the file as it is then, so
 * the last change is always applied. The reload's exceptions are logged; the trigger goes on.
 *
 * <p>Threading: {@link #request} from any thread (a signal handler included), never blocks; the
 * reload runs on the daemon thread {@code wayfinder-reload} between {@link #start} and {@link
 * #stop}.
 */
public final class ReloadTrigger {
  private static final Logger log = LoggerFactory.getLogger(ReloadTrigger.class);
  private static final Object RELOAD = new Object();
  private static final Object STOP = new Object();

  private final Runnable reload;
  private final AtomicBoolean pending = new AtomicBoolean();
  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private Thread thread;
  private volatile boolean stopping;

  /**
   * @param reload reads the config and applies it (or rejects it and keeps the running one)
   */
  public ReloadTrigger(Runnable reload) {
    this.reload = reload;
  }

  /** Starts the reload thread; requests made before are served once it runs. */
  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("already started");
    }
    thread = Thread.ofPlatform().name("wayfinder-reload").daemon().start(this::run);
  }

  /** Asks for a reload soon; returns at once. */
  public void request() {
    if (pending.compareAndSet(false, true)) {
      queue.add(RELOAD);
    }
  }

  /**
   * Stops the thread: a pending reload is dropped; a running one gets at most {@code timeout} to
   * finish (it is not interrupted: the config reader's channels would close under it).
   */
  public synchronized void stop(Duration timeout) {
    if (thread == null) {
      return;
    }
    stopping = true;
    queue.add(STOP);
    try {
      if (!thread.join(timeout)) {
        log.warn("reload still running after {}", timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    while (true) {
      Object next;
      try {
        next = queue.take();
      } catch (InterruptedException e) {
        log.error("reload thread interrupted: reloads stop");
        return;
      }
      if (stopping || next == STOP) {
        return;
      }
      pending.set(false); // before reading: a request from now on gives one more reload
      runReload();
    }
  }

  private void runReload() {
    try {
      reload.run();
    } catch (RuntimeException e) {
      log.error("reload failed", e);
    } catch (Error e) {
      log.error("reload failed, reloads stop", e);
      throw e;
    }
  }
}
