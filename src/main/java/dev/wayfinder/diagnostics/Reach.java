package dev.wayfinder.diagnostics;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The TCP and TLS steps, each on its own connection so one step's failure cannot spoil the next.
 * Every blocking call is bounded by the step timeout (connect timeout, then read timeout during the
 * handshake).
 */
final class Reach {
  private final Duration timeout;
  private final TrustContext trust;

  Reach(Duration timeout, TrustContext trust) {
    this.timeout = timeout;
    this.trust = trust;
  }

  TcpResult connect(InetAddress ip, int port) {
    long start = System.nanoTime();
    String address = Addresses.text(ip, port);
    try (Socket s = open(ip, port)) {
      return new TcpResult(true, address, Timing.msSince(start), null);
    } catch (IOException e) {
      return new TcpResult(false, address, Timing.msSince(start), Errors.describe(e));
    }
  }

  /**
   * A handshake with or without SNI. The host name is checked against the certificate either way
   * (the JDK's HTTPS endpoint identification): a server that answers a ClientHello without SNI with
   * a certificate for some other name does not serve clients that send none.
   */
  TlsResult handshake(String host, InetAddress ip, int port, boolean sni) {
    long start = System.nanoTime();
    SSLContext context;
    try {
      context = trust.context();
    } catch (IOException e) {
      return TlsResult.skipped(e.getMessage());
    }
    try (Socket plain = open(ip, port);
        SSLSocket tls =
            (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true)) {
      SSLParameters params = tls.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      if (!sni) {
        params.setServerNames(List.of());
      }
      tls.setSSLParameters(params);
      tls.startHandshake();
      return new TlsResult(true, tls.getSession().getProtocol(), Timing.msSince(start), null);
    } catch (IOException | RuntimeException e) {
      return new TlsResult(false, null, Timing.msSince(start), Errors.describe(e));
    }
  }

  private Socket open(InetAddress ip, int port) throws IOException {
    Socket s = new Socket();
    try {
      s.connect(new InetSocketAddress(ip, port), (int) timeout.toMillis());
      s.setSoTimeout((int) timeout.toMillis());
      return s;
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }
}
