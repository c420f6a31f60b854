package dev.wayfinder.cli;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ConfigWatcher} on real files in a temporary directory: every way a config file changes is
 * seen within SPEC.md's 2 s, and what is not a change calls nothing. The callback records the
 * content it reads, as a reload would.
 */
class ConfigWatcherTest {
  /** SPEC.md: a change is applied within 2 s. */
  private static final Duration WITHIN = Duration.ofSeconds(2);

  /** Long enough for a duplicate call to show: the settle period and a poll, with room. */
  private static final Duration NOTHING_MORE = Duration.ofMillis(1500);

  @TempDir Path dir;
  private final AtomicInteger calls = new AtomicInteger();
  private final List<String> read = new CopyOnWriteArrayList<>();
  private ConfigWatcher watcher;

  @AfterEach
  void stop() {
    if (watcher != null) {
      watcher.stop(Duration.ofSeconds(2));
    }
  }

  @Test
  void anEditInPlaceIsSeenOnce() throws IOException {
    Path file = write(dir.resolve("wayfinder.yaml"), "dns: {ttl: 10}\n");
    watch(file);

    write(file, "dns: {ttl: 20}\n");

    await().atMost(WITHIN).untilAtomic(calls, is(1));
    assertThat(read).containsExactly("dns: {ttl: 20}\n");
    await().during(NOTHING_MORE).atMost(NOTHING_MORE.multipliedBy(2)).untilAtomic(calls, is(1));
  }

  @Test
  void aReplaceByRenameIsSeen() throws IOException {
    Path file = write(dir.resolve("wayfinder.yaml"), "dns: {ttl: 10}\n");
    watch(file);

    Path next = write(dir.resolve("wayfinder.yaml.new"), "dns: {ttl: 30}\n");
    Files.move(next, file, ATOMIC_MOVE, REPLACE_EXISTING);

    await().atMost(WITHIN).untilAtomic(calls, is(1));
    assertThat(read).containsExactly("dns: {ttl: 30}\n");
  }

  @Test
  void aBurstOfWritesGivesOneCallWithTheLastContent() throws Exception {
    Path file = write(dir.resolve("wayfinder.yaml"), "v: 0\n");
    watch(file);

    for (int i = 1; i <= 5; i++) {
      write(file, "v: " + i + "\n");
      Thread.sleep(20); // an editor's pace between its writes, well inside the settle period
    }

    await().during(NOTHING_MORE).atMost(NOTHING_MORE.plus(WITHIN)).untilAtomic(calls, is(1));
    assertThat(read).containsExactly("v: 5\n");
  }

  @Test
  void aTouchOrTheSameBytesWrittenAgainCallsNothing() throws IOException {
    Path file = write(dir.resolve("wayfinder.yaml"), "dns: {ttl: 10}\n");
    write(dir.resolve("other.yaml"), "x: 1\n");
    watch(file);

    Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
    write(file, "dns: {ttl: 10}\n");
    write(dir.resolve("other.yaml"), "x: 2\n");

    await().during(NOTHING_MORE).atMost(NOTHING_MORE.multipliedBy(2)).untilAtomic(calls, is(0));
  }

  @Test
  void aSwappedLinkAsAConfigMapVolumeDoesIsSeen() throws IOException {
    // Kubernetes: wayfinder.yaml -> ..data/wayfinder.yaml, ..data -> ..v1; an update writes ..v2
    // and renames a new link over ..data.
    write(Files.createDirectory(dir.resolve("..v1")).resolve("wayfinder.yaml"), "v: 1\n");
    write(Files.createDirectory(dir.resolve("..v2")).resolve("wayfinder.yaml"), "v: 2\n");
    Files.createSymbolicLink(dir.resolve("..data"), Path.of("..v1"));
    Path file = dir.resolve("wayfinder.yaml");
    Files.createSymbolicLink(file, Path.of("..data/wayfinder.yaml"));
    watch(file);

    Files.createSymbolicLink(dir.resolve("..data_tmp"), Path.of("..v2"));
    Files.move(dir.resolve("..data_tmp"), dir.resolve("..data"), ATOMIC_MOVE, REPLACE_EXISTING);

    await().atMost(WITHIN).untilAtomic(calls, is(1));
    assertThat(read).containsExactly("v: 2\n");
  }

  @Test
  void anEditOfALinkTargetInAnotherDirectoryIsSeenByThePoll() throws IOException {
    Path target =
        write(Files.createDirectory(dir.resolve("real")).resolve("config.yaml"), "v: 1\n");
    Path file = Files.createDirectory(dir.resolve("etc")).resolve("wayfinder.yaml");
    Files.createSymbolicLink(file, target);
    watch(file);

    write(target, "v: 2\n");

    await().atMost(WITHIN).untilAtomic(calls, is(1));
    assertThat(read).containsExactly("v: 2\n");
  }

  @Test
  void aFileGoneAndBackCallsOnlyWhenItsContentChanged() throws IOException {
    Path file = write(dir.resolve("wayfinder.yaml"), "v: 1\n");
    watch(file);

    Files.delete(file);
    await().during(NOTHING_MORE).atMost(NOTHING_MORE.multipliedBy(2)).untilAtomic(calls, is(0));
    write(file, "v: 1\n");
    await().during(NOTHING_MORE).atMost(NOTHING_MORE.multipliedBy(2)).untilAtomic(calls, is(0));
    Files.delete(file);
    write(file, "v: 2\n");

    await().atMost(WITHIN).untilAtomic(calls, is(1));
    assertThat(read).containsExactly("v: 2\n");
  }

  @Test
  void aFailingCallbackDoesNotStopTheWatch() throws IOException {
    Path file = write(dir.resolve("wayfinder.yaml"), "v: 1\n");
    watcher =
        new ConfigWatcher(
            file,
            () -> {
              calls.incrementAndGet();
              throw new IllegalStateException("a reload that fails");
            });
    watcher.start();

    write(file, "v: 2\n");
    await().atMost(WITHIN).untilAtomic(calls, is(1));
    write(file, "v: 3\n");
    await().atMost(WITHIN).untilAtomic(calls, is(2));
  }

  @Test
  void afterStopNothingIsCalled() throws IOException {
    Path file = write(dir.resolve("wayfinder.yaml"), "v: 1\n");
    watch(file);
    watcher.stop(Duration.ofSeconds(2));

    write(file, "v: 2\n");

    await().during(NOTHING_MORE).atMost(NOTHING_MORE.multipliedBy(2)).untilAtomic(calls, is(0));
  }

  private void watch(Path file) throws IOException {
    watcher =
        new ConfigWatcher(
            file,
            () -> {
              read.add(contentOf(file));
              calls.incrementAndGet();
            });
    watcher.start();
  }

  /** Truncates and writes in place, as {@code echo > file} and most programs do. */
  private static Path write(Path file, String text) throws IOException {
    return Files.writeString(file, text);
  }

  private static String contentOf(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
