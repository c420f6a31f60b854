package dev.wayfinder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The daemon's logging set up in code: what logback.xml said, found before any XML. */
class LogSetupTest {
  private final PrintStream savedErr = System.err;
  private final LoggerContext context = new LoggerContext();

  @AfterEach
  void restore() {
    System.setErr(savedErr);
    System.clearProperty("WAYFINDER_LOG_LEVEL");
    System.clearProperty("logback.configurationFile");
    context.stop();
  }

  private ExecutionStatus configure() {
    context.setMDCAdapter(new LogbackMDCAdapter()); // what slf4j's provider gives the real one
    context.start();
    LogSetup setup = new LogSetup();
    setup.setContext(context);
    return setup.configure(context);
  }

  @Test
  void logbackFindsItThroughServiceLoader() {
    assertThat(ServiceLoader.load(Configurator.class).stream().map(ServiceLoader.Provider::type))
        .contains(LogSetup.class);
  }

  @Test
  void oneLinePerEventOnStderrAndNettyAtWarn() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    System.setProperty("WAYFINDER_LOG_LEVEL", "INFO");

    assertThat(configure()).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
    context.getLogger("dev.wayfinder.cli.Daemon").info("serving zone {}", "svc.cluster.local.");
    context.getLogger("dev.wayfinder.cli.Daemon").debug("not at INFO");
    context.getLogger("io.netty.channel.Foo").info("quiet below WARN");

    assertThat(err.toString(StandardCharsets.UTF_8))
        .matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  Daemon - serving zone svc.cluster.local.\\R");
    assertThat(context.getLogger("io.netty").getLevel()).isEqualTo(Level.WARN);
  }

  @Test
  void levelComesFromWayfinderLogLevel() {
    System.setProperty("WAYFINDER_LOG_LEVEL", "debug");
    configure();
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.DEBUG);
  }

  @Test
  void anOperatorsOwnConfigurationFileWins() {
    System.setProperty("logback.configurationFile", "/etc/wayfinder/logback.xml");
    assertThat(configure()).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext())
        .isFalse();
  }
}
