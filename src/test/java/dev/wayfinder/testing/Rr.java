package dev.wayfinder.testing;

import java.util.Locale;

/**
 * One resource record as dig or kdig prints it in presentation format (RFC 1035 §5.1).
 *
 * @param name the owner, as printed (absolute, trailing dot, case as received)
 * @param ttl the TTL in seconds
 * @param type the type mnemonic, upper case ({@code A}, {@code SRV}, ...)
 * @param rdata the rest of the line, fields separated by single spaces
 */
public record Rr(String name, long ttl, String type, String rdata) {

  /** Parses {@code NAME TTL CLASS TYPE RDATA...}; returns null for a line of another shape. */
  public static Rr parse(String line) {
    String[] f = line.trim().split("\\s+");
    if (f.length < 4 || !f[1].chars().allMatch(Character::isDigit) || !"IN".equals(f[2])) {
      return null;
    }
    String rdata = String.join(" ", java.util.Arrays.copyOfRange(f, 4, f.length));
    return new Rr(f[0], Long.parseLong(f[1]), f[3].toUpperCase(Locale.ROOT), rdata);
  }

  /** The owner name compared as DNS does: case-insensitively (RFC 4343). */
  public boolean isOwnedBy(String owner) {
    return name.equalsIgnoreCase(owner.endsWith(".") ? owner : owner + ".");
  }

  /** The SOA minimum field, the last of its rdata (RFC 1035 §3.3.13). */
  public long soaMinimum() {
    String[] f = rdata.split(" ");
    return Long.parseLong(f[f.length - 1]);
  }

  /** The SOA serial field (RFC 1035 §3.3.13). */
  public long soaSerial() {
    return Long.parseLong(rdata.split(" ")[2]);
  }
}
