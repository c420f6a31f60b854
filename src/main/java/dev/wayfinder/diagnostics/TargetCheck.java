package dev.wayfinder.diagnostics;

import dev.wayfinder.config.DiagnosticsConfig.Target;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The checks of one target, run step by step on one thread. Each step's result is published as soon
 * as it is known, so a report cut short by the overall deadline still shows how far the target got
 * ({@link #report}).
 */
final class TargetCheck implements Runnable {
  static final String DEADLINE = "not finished before the overall deadline";

  private final Target target;
  private final DnsLookup dns;
  private final Reach reach;

  private volatile DnsResult dnsResult;
  private volatile TcpResult tcpResult;
  private volatile TlsResult tlsResult;
  private volatile TlsResult noSniResult;

  TargetCheck(Target target, DnsLookup dns, Reach reach) {
    this.target = target;
    this.dns = dns;
    this.reach = reach;
  }

  @Override
  public void run() {
    try {
      dnsResult = dns.lookup(target.host());
      if (!dnsResult.ok()) {
        return;
      }
      InetAddress ip = InetAddress.getByName(dnsResult.addresses().get(0));
      tcpResult = reach.connect(ip, target.port());
      if (!tcpResult.ok()) {
        return;
      }
      tlsResult = reach.handshake(target.host(), ip, target.port(), true);
      noSniResult = reach.handshake(target.host(), ip, target.port(), false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (UnknownHostException e) {
      throw new AssertionError("an IP literal from the answer does not parse", e);
    }
  }

  /**
   * The report as far as the checks got; with {@code finished} false, the step under way when the
   * deadline passed is reported as not finished.
   */
  TargetReport report(boolean finished) {
    DnsResult d = dnsResult;
    TcpResult c = tcpResult;
    TlsResult t = tlsResult;
    TlsResult n = noSniResult;
    if (!finished) {
      if (d == null) {
        d = DnsResult.failed(DEADLINE, 0);
      } else if (d.ok() && c == null) {
        c = new TcpResult(false, d.addresses().get(0), 0, DEADLINE);
      } else if (c != null && c.ok() && t == null) {
        t = TlsResult.skipped(DEADLINE);
      } else if (t != null && n == null) {
        n = TlsResult.skipped(DEADLINE);
      }
    }
    return new TargetReport(target.toString(), d, c, t, n, Classification.of(d, c, t, n));
  }
}
