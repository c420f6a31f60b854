package dev.wayfinder.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wayfinder.testing.ProcessRun;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The launcher's {@code scripts/jit-commands}: the JVM accepts the file without a word on stdout (a
 * broken one stops the JVM, a chatty one would print in front of {@code version}), and every
 * pattern still names a class and method of ours (a rename would silently leave C2 on the builder).
 */
class JitCommandsTest {
  private static final Path FILE = Path.of("scripts", "jit-commands");

  @Test
  void theJvmTakesTheFileQuietly() {
    ProcessRun run =
        ProcessRun.of(
            Duration.ofSeconds(60),
            ChildJvm.command(
                List.of("-XX:CompileCommandFile=" + FILE.toAbsolutePath()), "version"));

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout().lines().toList()).singleElement().asString().startsWith("wayfinder ");
    assertThat(run.stderr()).isEmpty();
  }

  @Test
  void everyPatternNamesOurCode() throws Exception {
    List<String> patterns =
        Files.readAllLines(FILE).stream()
            .filter(l -> l.startsWith("MaxNodeLimit,"))
            .map(l -> l.split(",")[1])
            .toList();

    assertThat(patterns).isNotEmpty();
    for (String pattern : patterns) {
      int dot = pattern.lastIndexOf('.');
      Class<?> type = Class.forName(pattern.substring(0, dot).replace('/', '.'));
      String method = pattern.substring(dot + 1);
      assertThat(
              method.equals("*")
                  || Arrays.stream(type.getDeclaredMethods())
                      .map(Method::getName)
                      .anyMatch(method::equals))
          .as("%s names a method of %s", pattern, type)
          .isTrue();
    }
  }
}
