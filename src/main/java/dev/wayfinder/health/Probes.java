package dev.wayfinder.health;

import dev.wayfinder.registry.HealthSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.security.GeneralSecurityException;

/** Builds the probe a service's {@code health:} section asks for. */
final class Probes {
  private Probes() {}

  /**
   * The probe for {@code config}, or {@code null} for type {@code none} (never probed: its
   * endpoints stay {@code unknown}, which counts as healthy). A probe that cannot be built (an
   * unreadable CA file) fails every check with the reason, so the problem shows in events and
   * {@code last_probe} instead of being dropped.
   */
  static Probe create(HealthSpec config) {
    try {
      return switch (config.type()) {
        case HTTP, HTTPS -> new HttpProbe(config);
        case TCP -> new TcpProbe(config.target(), config.timeout());
        case DNS -> new DnsProbe(config);
        case COMMAND -> new CommandProbe(config.command(), config.timeout());
        case NONE -> null;
      };
    } catch (GeneralSecurityException | IOException e) {
      return new Broken("probe setup: " + e.getMessage());
    }
  }

  /** Fails every check with the setup error. */
  private record Broken(String reason) implements Probe {
    @Override
    public ProbeResult check(InetAddress endpoint) {
      return ProbeResult.fail(reason);
    }
  }
}
