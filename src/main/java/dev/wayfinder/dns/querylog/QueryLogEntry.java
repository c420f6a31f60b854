package dev.wayfinder.dns.querylog;

import dev.wayfinder.dns.AnswerSource;
import dev.wayfinder.dns.QueryProtocol;
import java.net.InetSocketAddress;

/**
 * What the query thread copies for one line: a few numbers, references it already had, and the
 * name's wire bytes. Formatting waits for the writer thread.
 *
 * @param timeMillis when the reply left, in epoch milliseconds
 * @param name the question name in wire format, lower case (empty when there was none)
 */
record QueryLogEntry(
    long timeMillis,
    InetSocketAddress client,
    QueryProtocol protocol,
    byte[] name,
    int qtype,
    int rcode,
    int answers,
    long latencyNanos,
    AnswerSource source) {}
