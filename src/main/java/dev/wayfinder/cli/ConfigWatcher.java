package dev.wayfinder.cli;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one config file and calls {@code onChange} when its content changes (SPEC.md: a change is
 * applied within 2 s), whether it is edited in place, replaced by a rename ({@code mv new.yaml
 * wayfinder.yaml}, most editors' safe write) or reached through a symbolic link that is swapped (a
 * Kubernetes ConfigMap volume renames its {@code ..data} link).
 *
 * <p>How: a {@link WatchService} (inotify on Linux) on the file's directory, since a rename gives
 * the name a new inode and a watch on the file itself would stay on the old one. Events for the
 * file's name (any name, when the file is a link) start a settle period: the file is read once no
 * event came for {@link #QUIET} or {@link #MAX_DELAY} after the first, so an editor's several
 * writes make one change. Then its content is hashed ({@link FileVersion}): a touch, a rewrite of
 * the same bytes or an event for another name calls nothing. Every {@link #POLL} a stat of the file
 * catches what the directory's events cannot show (a link whose target lives in another directory,
 * the directory itself replaced).
 *
 * <p>Threading: one daemon thread, {@code wayfinder-config-watch}, from {@link #start} to {@link
 * #stop}; {@code onChange} runs on it, one call at a time, and should be quick (hand the reload to
 * a {@link ReloadTrigger}): while it runs, changes are not looked at. Its exceptions, and every
 * other, are logged and the watch goes on. A missing file is logged and calls nothing; when it
 * comes back with other content than last seen, that is a change.
 */
public final class ConfigWatcher {
  static final Duration QUIET = Duration.ofMillis(250);
  static final Duration MAX_DELAY = Duration.ofSeconds(1);
  static final Duration POLL = Duration.ofSeconds(1);

  private static final Logger log = LoggerFactory.getLogger(ConfigWatcher.class);
  private static final long NONE = Long.MIN_VALUE;

  private final Path file;
  private final Path directory;
  private final Runnable onChange;
  private WatchService watch;
  private WatchKey key;
  private Thread thread;
  private volatile boolean stopping;

  // Confined to the watch thread once it runs.
  private FileVersion seen;
  private boolean gone;
  private long firstEvent = NONE;
  private long lastEvent = NONE;
  private long nextPoll;

  /**
   * @param file the config file as the operator named it (a link is followed when read, not here)
   * @param onChange called on the watch thread after each change of the file's content
   */
  public ConfigWatcher(Path file, Runnable onChange) {
    this.file = file.toAbsolutePath().normalize();
    this.directory = this.file.getParent();
    this.onChange = onChange;
  }

  /**
   * Records the file's current content as seen and starts watching. Start it before the daemon
   * reads the file for the first time: an edit in between then gives one reload (of the same file,
   * at worst) instead of none.
   *
   * @throws IOException when the file's directory cannot be watched
   */
  public synchronized void start() throws IOException {
    if (thread != null) {
      throw new IllegalStateException("already started");
    }
    watch = FileSystems.getDefault().newWatchService();
    try {
      register();
      seen = FileVersion.read(file);
    } catch (IOException | RuntimeException e) {
      watch.close();
      throw e;
    }
    nextPoll = System.nanoTime() + POLL.toNanos();
    thread = Thread.ofPlatform().name("wayfinder-config-watch").daemon().start(this::run);
  }

  /**
   * Stops watching and waits at most {@code timeout} for a running {@code onChange} to return; once
   * this returns (and it did not time out), {@code onChange} is not called again.
   */
  public synchronized void stop(Duration timeout) {
    if (thread == null) {
      return;
    }
    stopping = true;
    try {
      watch.close(); // wakes the thread from its wait
      if (!thread.join(timeout)) {
        log.warn("config watch: still in its callback after {}", timeout);
      }
    } catch (IOException e) {
      log.warn("config watch: closing the watch service failed: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void register() throws IOException {
    key =
        directory.register(
            watch,
            StandardWatchEventKinds.ENTRY_CREATE,
            StandardWatchEventKinds.ENTRY_MODIFY,
            StandardWatchEventKinds.ENTRY_DELETE);
  }

  private void run() {
    while (!stopping) {
      try {
        step();
      } catch (ClosedWatchServiceException | InterruptedException e) {
        if (!stopping) {
          log.error("config watch: stopped unexpectedly, changes are no longer seen", e);
        }
        return;
      } catch (Exception e) {
        // The next step retries: the file is still watched and still polled.
        log.warn("config watch: {}", e.toString(), e);
      } catch (Error e) {
        log.error("config watch: stopped, changes are no longer seen", e);
        throw e;
      }
    }
  }

  /** Waits for an event or the next due time, then does what is due. */
  private void step() throws IOException, InterruptedException {
    WatchKey signalled = watch.poll(nanosToWait(), TimeUnit.NANOSECONDS);
    if (signalled != null && takeEvents(signalled)) {
      noteEvent();
    }
    long now = System.nanoTime();
    if (firstEvent != NONE && settled(now)) {
      firstEvent = NONE;
      lastEvent = NONE;
      checkContent();
    } else if (firstEvent == NONE && now - nextPoll >= 0) {
      nextPoll = now + POLL.toNanos();
      poll();
    }
  }

  private long nanosToWait() {
    long now = System.nanoTime();
    long due =
        firstEvent == NONE
            ? nextPoll
            : Math.min(lastEvent + QUIET.toNanos(), firstEvent + MAX_DELAY.toNanos());
    return Math.max(0, due - now);
  }

  private boolean settled(long now) {
    return now - lastEvent >= QUIET.toNanos() || now - firstEvent >= MAX_DELAY.toNanos();
  }

  private void noteEvent() {
    lastEvent = System.nanoTime();
    if (firstEvent == NONE) {
      firstEvent = lastEvent;
    }
  }

  /** Drains {@code signalled}'s events; true when one may concern the file. */
  private boolean takeEvents(WatchKey signalled) {
    boolean linked = Files.isSymbolicLink(file);
    boolean concerned = false;
    for (WatchEvent<?> event : signalled.pollEvents()) {
      concerned |=
          linked
              || event.kind() == StandardWatchEventKinds.OVERFLOW
              || file.getFileName().equals(event.context());
    }
    signalled.reset();
    return concerned;
  }

  /** The periodic stat: a stamp that does not prove the file unchanged counts as an event. */
  private void poll() throws IOException {
    if (!key.isValid()) {
      register(); // the directory was replaced: watch the new one
      noteEvent();
    } else if (!seen.provesUnchanged(FileVersion.Stamp.of(file))) {
      noteEvent();
    }
  }

  /** Reads the settled file and calls {@code onChange} when its content is new. */
  private void checkContent() throws IOException {
    FileVersion now = FileVersion.read(file);
    FileVersion before = seen;
    if (now.missing()) {
      if (!gone) {
        log.warn("config file {} is gone: the config read last stays in force", file);
      }
      gone = true;
      seen = new FileVersion(now.stamp(), before.sha256(), now.takenNanos()); // content as before
      return;
    }
    gone = false;
    seen = now;
    if (now.sameContent(before)) {
      return; // a touch, the same bytes written again, or another name's event
    }
    log.info("config file {} changed", file);
    try {
      onChange.run();
    } catch (RuntimeException e) {
      log.error("config watch: the change handler failed", e);
    }
  }
}
