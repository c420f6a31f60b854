package dev.wayfinder.publish;

import dev.wayfinder.config.TsigKeyConfig;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;

/** Turns a {@code tsig_keys} entry into dnsjava's signer (hmac-sha256, hmac-sha512, hmac-sha1). */
final class Rfc2136Keys {
  private Rfc2136Keys() {}

  /** The key named {@code name} among {@code keys}, or null when {@code name} is null. */
  static TSIG signer(String name, List<TsigKeyConfig> keys) {
    if (name == null) {
      return null;
    }
    TsigKeyConfig key =
        keys.stream()
            .filter(k -> k.name().equalsIgnoreCase(name))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no such tsig key: " + name));
    return new TSIG(
        algorithm(key.algorithm()),
        Name.fromConstantString(Rfc2136Client.absolute(key.name())),
        key.secret());
  }

  static Name algorithm(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "hmac-sha256" -> TSIG.HMAC_SHA256;
      case "hmac-sha512" -> TSIG.HMAC_SHA512;
      case "hmac-sha384" -> TSIG.HMAC_SHA384;
      case "hmac-sha224" -> TSIG.HMAC_SHA224;
      case "hmac-sha1" -> TSIG.HMAC_SHA1;
      case "hmac-md5" -> TSIG.HMAC_MD5;
      default -> throw new IllegalArgumentException("unsupported TSIG algorithm: " + text);
    };
  }
}
