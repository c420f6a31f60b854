package dev.wayfinder.dns.forward;

import dev.wayfinder.config.CacheConfig;
import org.xbill.DNS.Rcode;

/**
 * How long an upstream answer may be cached and how far its record TTLs are capped, from {@code
 * dns.forward.cache}: positive answers live for their smallest TTL capped by {@code max_ttl};
 * negative answers (RFC 2308) for min(SOA TTL, SOA minimum) capped by {@code negative_ttl}.
 */
final class CachePolicy {

  /** What an upstream answer says, in RFC 2308 terms. */
  enum Outcome {
    /** NOERROR with at least one answer record. */
    POSITIVE,
    /** The name does not exist (RFC 2308 2.1). */
    NXDOMAIN,
    /** NOERROR with an empty answer section: the name exists, the type does not (RFC 2308 2.2). */
    NODATA,
    /** Any other RCODE (SERVFAIL, REFUSED, ...): never cached. */
    ERROR
  }

  /**
   * The caching decision for one answer.
   *
   * @param cacheSeconds how long the answer stays fresh; 0 = do not cache
   * @param recordCapSeconds no record TTL in the answer may exceed this
   */
  record Lifetime(long cacheSeconds, long recordCapSeconds) {
    boolean cacheable() {
      return cacheSeconds > 0;
    }
  }

  private final long maxTtlSeconds;
  private final long negativeTtlSeconds;

  CachePolicy(CacheConfig config) {
    this.maxTtlSeconds = config.maxTtl().toSeconds();
    this.negativeTtlSeconds = config.negativeTtl().toSeconds();
  }

  static Outcome classify(WireReply reply) {
    return switch (reply.rcode()) {
      case Rcode.NOERROR -> reply.ancount() == 0 ? Outcome.NODATA : Outcome.POSITIVE;
      case Rcode.NXDOMAIN -> Outcome.NXDOMAIN;
      default -> Outcome.ERROR;
    };
  }

  /** The lifetime of {@code reply}, whose OPT and TSIG records are ignored. */
  Lifetime lifetime(WireReply reply) {
    return switch (classify(reply)) {
      case POSITIVE -> positive(reply);
      case NXDOMAIN, NODATA -> negative(reply);
      case ERROR -> new Lifetime(0, maxTtlSeconds);
    };
  }

  /** The smallest TTL in the answer and authority sections, capped by max_ttl. */
  private Lifetime positive(WireReply reply) {
    long smallest = maxTtlSeconds;
    int end = Math.min(reply.kept(), reply.ancount() + reply.nscount());
    for (int i = 0; i < end; i++) {
      smallest = Math.min(smallest, reply.ttl(i));
    }
    return new Lifetime(smallest, maxTtlSeconds);
  }

  /**
   * RFC 2308 section 5: the negative TTL is taken from the SOA in the authority section; without
   * one the answer must not be cached. Section 3 bounds it by the SOA's MINIMUM field.
   */
  private Lifetime negative(WireReply reply) {
    int end = Math.min(reply.kept(), reply.ancount() + reply.nscount());
    for (int i = reply.ancount(); i < end; i++) {
      long minimum = reply.type(i) == WireReply.SOA ? reply.soaMinimum(i) : -1;
      if (minimum >= 0) {
        long ttl = Math.min(reply.ttl(i), minimum);
        ttl = Math.min(ttl, Math.min(negativeTtlSeconds, maxTtlSeconds));
        return new Lifetime(ttl, ttl);
      }
    }
    return new Lifetime(0, maxTtlSeconds);
  }
}
