package dev.wayfinder.publish;

import dev.wayfinder.config.TsigKeyConfig;
import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;

/** Turns a {@code tsig_keys} entry into dnsjava's signer, by dnsjava's own algorithm names. */
final class Rfc2136Keys {
  private Rfc2136Keys() {}

  /** The key named {@code name} among {@code keys}, or null when {@code name} is null. */
  static TSIG signer(String name, List<TsigKeyConfig> keys) {
    if (name == null) {
      return null;
    }
    TsigKeyConfig key = TsigKeyConfig.named(keys, name);
    return new TSIG(
        TSIG.algorithmToName(key.algorithm()),
        Name.fromConstantString(Rfc2136Client.absolute(key.name())),
        key.secret());
  }
}
