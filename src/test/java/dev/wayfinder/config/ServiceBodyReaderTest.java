package dev.wayfinder.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wayfinder.registry.Service;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One service read from JSON as the admin API reads a PUT body: the config file's rules. */
class ServiceBodyReaderTest {
  private final ServiceBodyReader reader =
      new ServiceBodyReader("svc.cluster.local", 10, Path.of("."));

  private ServiceBodyReader.Result read(String json) {
    return reader.read(json, "cart", Service.Source.API, List.of());
  }

  @Test
  void aValidBodyIsTheServiceWithDefaultsAndTheUrlsName() {
    ServiceBodyReader.Result r =
        read("{\"endpoints\": [{\"address\": \"10.0.0.1\", \"weight\": 3}], \"fail_open\": false}");

    assertThat(r.problems()).isEmpty();
    Service s = r.service();
    assertThat(s.name()).isEqualTo("cart");
    assertThat(s.ttl()).isEqualTo(10);
    assertThat(s.source()).isEqualTo(Service.Source.API);
    assertThat(s.failOpen()).isFalse();
    assertThat(s.endpoints().get(0).weight()).isEqualTo(3);
  }

  /** Each body as the one service of a config file: {@code check}'s paths and messages. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"endpoints\": [{\"address\": \"10.0.0.1\"}, {\"address\": \"10.0.0.300\"}]}",
        "{\"endpoints\": [{\"address\": \"10.0.0.1\", \"colour\": 1}]}",
        "{\"ttl\": \"soon\", \"endpoints\": []}",
        "{\"ttl\": -1}",
        "{\"endpoints\": {\"address\": \"10.0.0.1\"}}",
        "{\"endpoints\": [\"10.0.0.1\"]}",
        "{\"health\": {\"type\": \"http\", \"interval\": \"5\"}}",
        "{\"health\": {\"type\": \"carrier-pigeon\", \"target\": \"x\"}}",
        "{\"ports\": [{\"name\": \"http\", \"protocol\": \"sctp\", \"port\": 99999}]}",
        "{\"max_answers\": 1.5, \"fail_open\": \"sometimes\"}",
        "{\"endpoints\": [{\"address\": \"10.0.0.1\", \"hostname\": \"a\"},"
            + " {\"address\": \"10.0.0.1\", \"hostname\": \"a\"}]}",
      })
  void problemsAreCheckSameAsInAFile(String body) {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                ConfigLoader.parse(
                    "f.json",
                    "{\"dns\": {\"zone\": \"svc.cluster.local\", \"ttl\": 10},"
                        + " \"services\": ["
                        + body.replaceFirst("\\{", "{\"name\": \"cart\", ")
                        + "]}"));

    assertThat(e).as("the file is refused").isNotNull();
    List<ServiceBodyReader.Problem> fromFile =
        e.errors().stream().map(c -> new ServiceBodyReader.Problem(c.path(), c.message())).toList();
    assertThat(read(body).problems()).isNotEmpty().containsExactlyInAnyOrderElementsOf(fromFile);
  }

  @Test
  void aNameThatDiffersFromTheUrlsIsRefusedAtName() {
    assertThat(read("{\"name\": \"other\"}").problems())
        .containsExactly(
            new ServiceBodyReader.Problem(
                "services[0].name", "the body names service other but the URL names cart"));
    assertThat(read("{\"name\": \"CART\"}").valid()).as("names are compared normalised").isTrue();
  }

  @Test
  void namesThatCollideWithOtherServicesAreRefused() {
    Service web =
        reader
            .read(
                "{\"endpoints\": [{\"address\": \"10.0.0.1\", \"hostname\": \"a\"}]}",
                "web",
                Service.Source.CONFIG,
                List.of())
            .service();

    ServiceBodyReader.Result positional =
        reader.read("{}", "web-1", Service.Source.API, List.of(web));
    ServiceBodyReader.Result byHost = reader.read("{}", "a.web", Service.Source.API, List.of(web));
    ServiceBodyReader.Result replacing = reader.read("{}", "web", Service.Source.API, List.of(web));

    assertThat(positional.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("services[0].name");
              assertThat(p.message()).contains("endpoint #1 of service web");
            });
    assertThat(byHost.valid()).isFalse();
    assertThat(replacing.valid()).as("a service does not collide with itself").isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "nope", "[1]", "name: cart", "{\"endpoints\": [", "{} {}"})
  void textThatIsNotOneJsonObjectIsRefusedAsAWhole(String body) {
    ServiceBodyReader.Result r = read(body);

    assertThat(r.valid()).isFalse();
    assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.field()).isNull());
  }

  @Test
  void variablesAreNotSubstituted() {
    ServiceBodyReader.Result r =
        read(
            "{\"health\": {\"type\": \"http\", \"target\": \"http://{}/\","
                + " \"expect_body\": \"${HOME}\"}}");

    assertThat(r.problems())
        .containsExactly(
            new ServiceBodyReader.Problem(
                "services[0].health.expect_body", "environment variable HOME is not set"));
  }
}
