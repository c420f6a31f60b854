package dev.wayfinder.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JVM for {@link HangupSignalTest}: installs {@link HangupSignal}, prints {@code installed
 * true|false}, then {@code reload N} on each SIGHUP, until the test kills it (or a minute passes).
 */
public final class HangupChild {
  private HangupChild() {}

  public static void main(String[] args) throws InterruptedException {
    AtomicInteger reloads = new AtomicInteger();
    boolean installed =
        HangupSignal.install(() -> System.out.println("reload " + reloads.incrementAndGet()));
    System.out.println("installed " + installed);
    new CountDownLatch(1).await(1, TimeUnit.MINUTES);
  }
}
