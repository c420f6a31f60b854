package dev.wayfinder.diagnostics;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The DNS step: A and AAAA queries for the host, sent together to one upstream at a time in the
 * configured order, the next tried only when one does not answer in time (an answer of any RCODE is
 * the upstream's verdict, as the forwarder takes it).
 */
final class DnsLookup {
  private final List<InetSocketAddress> upstreams;
  private final Duration timeout;

  DnsLookup(List<InetSocketAddress> upstreams, Duration timeout) {
    this.upstreams = List.copyOf(upstreams);
    this.timeout = timeout;
  }

  DnsResult lookup(String host) throws InterruptedException {
    long start = System.nanoTime();
    if (upstreams.isEmpty()) {
      return DnsResult.failed("no upstreams configured (dns.forward.upstreams)", 0);
    }
    Name name;
    try {
      name = Name.fromString(host, Name.root);
    } catch (TextParseException e) {
      return DnsResult.failed("not a DNS name: " + host, 0);
    }
    String lastError = null;
    for (InetSocketAddress upstream : upstreams) {
      try {
        return ask(upstream, name, start);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        lastError = "no answer from " + Addresses.text(upstream) + ": " + Errors.describe(cause);
      }
    }
    return DnsResult.failed(lastError, Timing.msSince(start));
  }

  private DnsResult ask(InetSocketAddress upstream, Name name, long start)
      throws ExecutionException, InterruptedException {
    SimpleResolver resolver = new SimpleResolver(upstream);
    resolver.setTimeout(timeout);
    CompletableFuture<Message> a = query(resolver, name, Type.A);
    CompletableFuture<Message> aaaa = query(resolver, name, Type.AAAA);
    Message v4 = a.get();
    Message v6 = orNull(aaaa);
    int rcode = v4.getRcode() == Rcode.NOERROR || v6 == null ? v4.getRcode() : v6.getRcode();
    List<String> addresses = new ArrayList<>();
    for (Record r : v4.getSection(Section.ANSWER)) {
      if (r instanceof ARecord ar) {
        addresses.add(ar.getAddress().getHostAddress());
      }
    }
    if (v6 != null) {
      for (Record r : v6.getSection(Section.ANSWER)) {
        if (r instanceof AAAARecord ar) {
          addresses.add(ar.getAddress().getHostAddress());
        }
      }
      if (rcode != Rcode.NOERROR && v6.getRcode() == Rcode.NOERROR) {
        rcode = Rcode.NOERROR;
      }
    }
    String error =
        rcode != Rcode.NOERROR
            ? "answered " + Rcode.string(rcode)
            : addresses.isEmpty() ? "no A or AAAA record" : null;
    return new DnsResult(
        Rcode.string(rcode), addresses, Addresses.text(upstream), Timing.msSince(start), error);
  }

  /** AAAA is a bonus: its loss (timeout, error) does not fail the step when A answered. */
  private static Message orNull(CompletableFuture<Message> aaaa) throws InterruptedException {
    try {
      return aaaa.get();
    } catch (ExecutionException e) {
      return null;
    }
  }

  private static CompletableFuture<Message> query(SimpleResolver resolver, Name name, int type) {
    Message q = Message.newQuery(Record.newRecord(name, type, DClass.IN));
    return resolver.sendAsync(q).toCompletableFuture();
  }
}
