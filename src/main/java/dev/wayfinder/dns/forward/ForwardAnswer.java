package dev.wayfinder.dns.forward;

/**
 * A forwarded (or cached) response in the same shape as {@link dev.wayfinder.zone.ZoneAnswer}: the
 * server writes a 12-byte header (the client's ID, QR, RD copied, RA set, AA clear, {@link
 * #rcode()}, QDCOUNT=1 and the counts here), the client's question bytes, {@link #tail()}, then its
 * own OPT when the client sent one.
 *
 * <p>The tail never holds an OPT record (the upstream's is stripped) and its TTLs are already
 * counted down to the time of the answer. Compression pointers in it refer to the question at
 * offset 12, which has the same length for every asker of the same name.
 *
 * @param rcode RFC 1035 RCODE (SERVFAIL when every upstream failed)
 * @param ancount answer records in the tail
 * @param nscount authority records in the tail
 * @param arcount additional records in the tail (no OPT)
 * @param tail the sections after the question
 */
public record ForwardAnswer(int rcode, int ancount, int nscount, int arcount, byte[] tail) {}
