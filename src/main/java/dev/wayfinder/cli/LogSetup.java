package dev.wayfinder.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The daemon's logging, set up in code: logback finds this through {@code ServiceLoader} before it
 * looks for an XML file. A {@code logback.xml} costs every start an XML parser, then Joran's model
 * and its handlers; set up here, logging loads fewer classes before the first answer ({@code
 * bench/startup.sh}). One line per event on stderr, INFO unless {@code WAYFINDER_LOG_LEVEL}
 * (environment or system property) says otherwise, Netty at WARN. An operator's own {@code
 * -Dlogback.configurationFile} still wins: this then steps aside.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
  /** Held so the level set on it stays: java.util.logging keeps its loggers weakly. */
  private static final java.util.logging.Logger GRPC_JUL =
      java.util.logging.Logger.getLogger("io.grpc");

  private static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(level());
    root.addAppender(stderr);
    context.getLogger("io.netty").setLevel(Level.WARN);
    // jetcd speaks gRPC over Vert.x: their reconnect chatter is not the operator's business.
    context.getLogger("io.grpc").setLevel(Level.WARN);
    GRPC_JUL.setLevel(java.util.logging.Level.WARNING); // gRPC logs through java.util.logging
    context.getLogger("io.vertx").setLevel(Level.WARN);
    // A jetcd client closed while it still connects (the cluster session replaces its client at
    // each reconnect) makes Netty warn with a stack trace about a channel it force-closes.
    context.getLogger("io.netty.channel.AbstractChannel").setLevel(Level.ERROR);
    // jetcd warns about every failed call; the cluster session reports each outage once itself.
    context.getLogger("io.etcd").setLevel(Level.ERROR);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** {@code WAYFINDER_LOG_LEVEL}: a system property first, then the environment; INFO if unset. */
  private static Level level() {
    String name = System.getProperty("WAYFINDER_LOG_LEVEL", System.getenv("WAYFINDER_LOG_LEVEL"));
    return Level.toLevel(name, Level.INFO);
  }
}
