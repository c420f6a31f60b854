package dev.wayfinder.config;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * The {@code dns.transfer:} section.
 *
 * @param allowFrom sources allowed AXFR/IXFR (default {@code 127.0.0.1/32} and {@code ::1/128})
 * @param notifyTargets secondaries sent NOTIFY on every serial change (default none)
 * @param tsig name of a key in {@code tsig_keys} that signs transfers, or {@code null} (default)
 */
public record TransferConfig(
    List<Cidr> allowFrom, List<InetSocketAddress> notifyTargets, String tsig) {

  public TransferConfig {
    allowFrom = List.copyOf(allowFrom);
    notifyTargets = List.copyOf(notifyTargets);
  }
}
