package dev.wayfinder.registry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How a service's endpoints are probed: the config's and the API's {@code health:} section.
 *
 * @param type the probe (default {@link Type#NONE})
 * @param target URL or host:port with {@code {}} standing for the endpoint address; required for
 *     http, https and tcp; for dns it is the server ({@code {}:53} by default)
 * @param interval time between probes of one endpoint (default 5s)
 * @param timeout one probe's deadline, at most {@code interval} (default 1s)
 * @param rise consecutive passes to become healthy (default 2)
 * @param fall consecutive failures to become unhealthy (default 3)
 * @param expectStatus accepted HTTP statuses, e.g. {@code 200-399} or {@code 200,204} (default
 *     200-399)
 * @param expectBody substring required in the first 64 KiB of the body, or {@code null}
 * @param tls TLS options for https
 * @param query the dns probe's question, or {@code null}
 * @param command the command probe's argv, or empty
 */
public record HealthSpec(
    Type type,
    String target,
    Duration interval,
    Duration timeout,
    int rise,
    int fall,
    String expectStatus,
    String expectBody,
    TlsConfig tls,
    DnsQueryConfig query,
    List<String> command) {

  /** The accepted HTTP statuses when none are given. */
  public static final String DEFAULT_STATUS = "200-399";

  /**
   * The health of a service that says nothing of it: never probed, so its endpoints stay unknown.
   */
  public static final HealthSpec NONE =
      new HealthSpec(
          Type.NONE,
          null,
          Duration.ofSeconds(5),
          Duration.ofSeconds(1),
          2,
          3,
          DEFAULT_STATUS,
          null,
          new TlsConfig(null, false),
          null,
          List.of());

  public HealthSpec {
    command = List.copyOf(command);
  }

  /** Probe types. */
  public enum Type {
    HTTP,
    HTTPS,
    TCP,
    DNS,
    COMMAND,
    NONE
  }

  /**
   * {@code health.tls}.
   *
   * @param caFile PEM bundle to trust instead of the system store, or {@code null}
   * @param insecure skip certificate verification (default false)
   */
  public record TlsConfig(Path caFile, boolean insecure) {}

  /**
   * {@code health.query}.
   *
   * @param name absolute name to ask
   * @param type record type mnemonic, e.g. {@code A}
   */
  public record DnsQueryConfig(String name, String type) {}
}
