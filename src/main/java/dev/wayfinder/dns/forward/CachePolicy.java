package dev.wayfinder.dns.forward;

import dev.wayfinder.config.CacheConfig;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

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

  static Outcome classify(Message response) {
    return switch (response.getHeader().getRcode()) {
      case Rcode.NOERROR ->
          response.getSection(Section.ANSWER).isEmpty() ? Outcome.NODATA : Outcome.POSITIVE;
      case Rcode.NXDOMAIN -> Outcome.NXDOMAIN;
      default -> Outcome.ERROR;
    };
  }

  /** The lifetime of {@code response}, whose OPT and TSIG records are ignored. */
  Lifetime lifetime(Message response) {
    return switch (classify(response)) {
      case POSITIVE -> positive(response);
      case NXDOMAIN, NODATA -> negative(response);
      case ERROR -> new Lifetime(0, maxTtlSeconds);
    };
  }

  private Lifetime positive(Message response) {
    long smallest = maxTtlSeconds;
    for (int section : new int[] {Section.ANSWER, Section.AUTHORITY}) {
      for (Record record : response.getSection(section)) {
        smallest = Math.min(smallest, ttlOf(record));
      }
    }
    return new Lifetime(smallest, maxTtlSeconds);
  }

  /**
   * RFC 2308 section 5: the negative TTL is taken from the SOA in the authority section; without
   * one the answer must not be cached. Section 3 bounds it by the SOA's MINIMUM field.
   */
  private Lifetime negative(Message response) {
    for (Record record : response.getSection(Section.AUTHORITY)) {
      if (record.getType() == Type.SOA && record instanceof SOARecord soa) {
        long ttl = Math.min(ttlOf(soa), soa.getMinimum());
        ttl = Math.min(ttl, Math.min(negativeTtlSeconds, maxTtlSeconds));
        return new Lifetime(ttl, ttl);
      }
    }
    return new Lifetime(0, maxTtlSeconds);
  }

  /** RFC 2181 section 8: a TTL with the most significant bit set is treated as zero. */
  static long ttlOf(Record record) {
    long ttl = record.getTTL();
    return ttl > Integer.MAX_VALUE ? 0 : ttl;
  }
}
