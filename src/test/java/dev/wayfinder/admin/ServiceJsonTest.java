package dev.wayfinder.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wayfinder.config.ServiceBodyReader;
import dev.wayfinder.registry.Service;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service's definition as JSON (what the store keeps) reads back through the config's reader as
 * the same service, whatever its health check.
 */
class ServiceJsonTest {
  @TempDir Path dir;

  @Test
  void definitionsReadBackAsTheSameService() throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.pem"), "not checked here");
    ServiceBodyReader reader = new ServiceBodyReader("svc.cluster.local", 10, dir);
    List<String> bodies =
        List.of(
            "{\"endpoints\": [{\"address\": \"10.0.0.1\", \"hostname\": \"a\", \"weight\": 0,"
                + " \"priority\": 2}, {\"address\": \"fd00::1\"}], \"ttl\": 30, \"fail_open\":"
                + " false, \"max_answers\": 3, \"ports\": [{\"name\": \"dns\", \"protocol\":"
                + " \"udp\", \"port\": 53}]}",
            "{\"health\": {\"type\": \"https\", \"target\": \"https://{}:8443/health\","
                + " \"interval\": \"1500ms\", \"timeout\": \"1s\", \"rise\": 1, \"fall\": 5,"
                + " \"expect_status\": \"200,204\", \"expect_body\": \"ok\", \"tls\":"
                + " {\"ca_file\": \"ca.pem\", \"insecure\": true}}}",
            "{\"health\": {\"type\": \"dns\", \"interval\": \"2m\", \"query\": {\"name\":"
                + " \"x.example.\", \"type\": \"AAAA\"}}}",
            "{\"health\": {\"type\": \"command\", \"interval\": \"1h\", \"command\": [\"true\","
                + " \"--flag\"]}}",
            "{\"health\": {\"type\": \"tcp\", \"target\": \"{}:22\"}}");
    for (String body : bodies) {
      Service s = reader.read(body, "cart", Service.Source.API, List.of()).service();
      assertThat(s).as(body).isNotNull();

      String stored = ServiceJson.definition(s).toString();
      ServiceBodyReader.Result again = reader.read(stored, "cart", Service.Source.API, List.of());

      assertThat(again.problems()).as(stored).isEmpty();
      assertThat(again.service()).as(stored).isEqualTo(s);
    }
    assertThat(ca).exists();
  }

  @Test
  void durationsTakeTheLargestUnitThatDividesThem() {
    assertThat(ServiceJson.duration(Duration.ofMillis(300))).isEqualTo("300ms");
    assertThat(ServiceJson.duration(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(ServiceJson.duration(Duration.ofSeconds(5))).isEqualTo("5s");
    assertThat(ServiceJson.duration(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(ServiceJson.duration(Duration.ofMinutes(2))).isEqualTo("2m");
    assertThat(ServiceJson.duration(Duration.ofHours(1))).isEqualTo("1h");
  }
}
