package dev.wayfinder.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wayfinder.config.ServiceBodyReader;
import dev.wayfinder.registry.Service;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Arbitrary text as the body of {@code PUT /v1/services/web} (and the store's saved bodies): the
 * reader gives a valid service named {@code web}, or at least one problem with a message; never an
 * exception. The other services of the fuzz zone are there to collide with.
 */
class ServiceBodyFuzzTest {
  private static FuzzZone zone;
  private static List<Service> others;
  private static ServiceBodyReader reader;

  @BeforeAll
  static void start() {
    zone = new FuzzZone();
    others = List.copyOf(zone.config.services());
    reader = new ServiceBodyReader("svc.cluster.local", 10, Path.of("."));
  }

  @AfterAll
  static void stop() {
    zone.close();
  }

  @FuzzTest(maxDuration = "30s")
  void serviceBody(byte[] input) {
    String body = new String(input, StandardCharsets.UTF_8);
    ServiceBodyReader.Result result = reader.read(body, "web", Service.Source.API, others);
    if (result.valid()) {
      assertThat(result.service()).as("a valid body's service").isNotNull();
      assertThat(result.service().name()).isEqualTo("web");
      return;
    }
    assertThat(result.service()).as("service of a refused body").isNull();
    for (ServiceBodyReader.Problem p : result.problems()) {
      assertThat(p.message()).as("message of %s", p).isNotBlank();
    }
  }
}
