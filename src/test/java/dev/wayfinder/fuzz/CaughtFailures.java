package dev.wayfinder.fuzz;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The exceptions that code under fuzzing catches and logs (the DNS request path answers them with
 * SERVFAIL or drops the packet, so they never reach the fuzz test): each named logger is turned up
 * to DEBUG and kept to itself while this is open, and every event it logs with a throwable is kept.
 * A fuzz test calls {@link #throwFirst} after each input, so a caught crash is still a finding.
 * Everything else logs at WARN and above meanwhile: a fuzzer's millions of rejected inputs would
 * otherwise print a debug line each.
 */
final class CaughtFailures implements AutoCloseable {
  private final List<Logger> loggers = new ArrayList<>();
  private final List<Level> levels = new ArrayList<>();
  private final List<Boolean> additive = new ArrayList<>();
  private final List<IThrowableProxy> caught = new ArrayList<>();
  private final AppenderBase<ILoggingEvent> appender =
      new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
          if (event.getThrowableProxy() != null) {
            caught.add(event.getThrowableProxy());
          }
        }
      };

  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private final Level rootLevel = root.getLevel();

  /** Starts capturing what the loggers {@code names} log with a throwable. */
  CaughtFailures(String... names) {
    root.setLevel(Level.WARN);
    appender.setName("fuzz-caught-failures");
    appender.start();
    for (String name : names) {
      Logger logger = (Logger) LoggerFactory.getLogger(name);
      loggers.add(logger);
      levels.add(logger.getLevel());
      additive.add(logger.isAdditive());
      logger.setLevel(Level.DEBUG);
      logger.setAdditive(false);
      logger.addAppender(appender);
    }
  }

  /** Throws the first failure caught since the last call, as an {@link AssertionError}. */
  void throwFirst() {
    if (caught.isEmpty()) {
      return;
    }
    IThrowableProxy first = caught.get(0);
    caught.clear();
    Throwable cause = first instanceof ThrowableProxy p ? p.getThrowable() : null;
    throw new AssertionError(
        "caught and logged: " + first.getClassName() + ": " + first.getMessage(), cause);
  }

  @Override
  public void close() {
    for (int i = 0; i < loggers.size(); i++) {
      Logger logger = loggers.get(i);
      logger.detachAppender(appender);
      logger.setLevel(levels.get(i));
      logger.setAdditive(additive.get(i));
    }
    appender.stop();
    root.setLevel(rootLevel);
  }
}
