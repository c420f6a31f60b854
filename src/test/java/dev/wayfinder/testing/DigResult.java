package dev.wayfinder.testing;

import java.util.List;
import java.util.Set;

/**
 * A DNS response as read from dig or kdig output.
 *
 * @param status the RCODE mnemonic ({@code NOERROR}, {@code NXDOMAIN}, {@code BADVERS}...), or null
 *     when no answer arrived
 * @param flags header flags in lower case ({@code qr}, {@code aa}, {@code tc}, ...)
 * @param ednsUdpSize the UDP payload size of the response's OPT record, or -1 when it had none
 * @param answer the answer section
 * @param authority the authority section
 * @param additional the additional section, without the OPT pseudo-record
 * @param raw the tool's full output, for failure messages
 */
public record DigResult(
    String status,
    Set<String> flags,
    int ednsUdpSize,
    List<Rr> answer,
    List<Rr> authority,
    List<Rr> additional,
    String raw) {

  public boolean answered() {
    return status != null;
  }

  public boolean authoritative() {
    return flags.contains("aa");
  }

  public boolean truncated() {
    return flags.contains("tc");
  }

  public boolean hasEdns() {
    return ednsUdpSize >= 0;
  }

  /** The rdata of the answer records of {@code type}, in the order received. */
  public List<String> answers(String type) {
    return rdata(answer, type);
  }

  /** The rdata of the additional records of {@code type}, in the order received. */
  public List<String> additionals(String type) {
    return rdata(additional, type);
  }

  /** The single SOA of the authority section; fails when there is not exactly one. */
  public Rr authoritySoa() {
    List<Rr> soa = authority.stream().filter(r -> r.type().equals("SOA")).toList();
    if (soa.size() != 1) {
      throw new AssertionError("expected one SOA in authority, got " + soa + "\n" + raw);
    }
    return soa.get(0);
  }

  private static List<String> rdata(List<Rr> section, String type) {
    return section.stream().filter(r -> r.type().equals(type)).map(Rr::rdata).toList();
  }

  @Override
  public String toString() {
    return raw;
  }
}
