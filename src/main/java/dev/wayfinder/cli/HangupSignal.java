package dev.wayfinder.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGHUP as "reload the config now" (SPEC.md), through {@code sun.misc.Signal}: the JDK's only
 * signal API, in the {@code jdk.unsupported} module, which exports it to class-path code, so no JVM
 * flag is needed. Without a handler the JVM treats SIGHUP as SIGTERM and exits.
 *
 * <p>Threading: the JVM runs the handler on a new thread per signal, so {@code onHangup} may run on
 * several threads at once and must return quickly; {@link ReloadTrigger#request} is meant.
 */
public final class HangupSignal {
  private static final Logger log = LoggerFactory.getLogger(HangupSignal.class);

  private HangupSignal() {}

  /**
   * Makes every SIGHUP call {@code onHangup}, replacing the JVM's handler (exit).
   *
   * @return false, after logging why, when this JVM cannot take SIGHUP: it was started with {@code
   *     -Xrs}, it inherited SIGHUP ignored ({@code nohup}), or the platform has no SIGHUP; the file
   *     watch still reloads then
   */
  public static boolean install(Runnable onHangup) {
    SignalHandler previous;
    try {
      previous = Signal.handle(new Signal("HUP"), signal -> handle(onHangup));
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      log.warn("SIGHUP cannot be handled here ({}): reload by signal is off", e.getMessage());
      return false;
    }
    if (previous == SignalHandler.SIG_IGN) {
      // The JVM leaves an ignored SIGHUP ignored and does not install the handler.
      log.warn("SIGHUP is ignored by this process (started under nohup?): reload by signal is off");
      return false;
    }
    return true;
  }

  private static void handle(Runnable onHangup) {
    log.info("SIGHUP: reloading the config");
    try {
      onHangup.run();
    } catch (RuntimeException e) {
      log.error("SIGHUP handler failed", e);
    }
  }
}
