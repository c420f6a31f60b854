package dev.wayfinder.diagnostics;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Test listeners on 127.0.0.1: a TLS server (optionally refusing ClientHellos without SNI, as
 * virtual-hosting front ends do) or a plain TCP one that closes each connection at once. Each
 * accepted connection is handshaken (TLS) and closed on the accept thread.
 */
final class TlsServer implements AutoCloseable {
  private final ServerSocket socket;
  private final boolean silent;
  private final List<Socket> held = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  private TlsServer(ServerSocket socket, boolean silent) {
    this.socket = socket;
    this.silent = silent;
    this.acceptor = Thread.ofVirtual().start(this::accept);
  }

  /**
   * TLS with {@code cert}; with {@code requireSni} a ClientHello without SNI gets no certificate.
   */
  static TlsServer tls(TestCertificate cert, boolean requireSni)
      throws IOException, GeneralSecurityException {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(cert.keyStore(), cert.password());
    X509ExtendedKeyManager keys = (X509ExtendedKeyManager) kmf.getKeyManagers()[0];
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(new X509ExtendedKeyManager[] {requireSni ? new SniOnly(keys) : keys}, null, null);
    SSLServerSocket s =
        (SSLServerSocket)
            context
                .getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    return new TlsServer(s, false);
  }

  /** A plain TCP listener that closes every connection: something there, but no TLS. */
  static TlsServer plain() throws IOException {
    return new TlsServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), false);
  }

  /** A TCP listener that accepts and then says nothing, holding each connection until closed. */
  static TlsServer silent() throws IOException {
    return new TlsServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), true);
  }

  /** Connections a silent listener holds. */
  int accepted() {
    return held.size();
  }

  int port() {
    return socket.getLocalPort();
  }

  InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port());
  }

  private void accept() {
    while (silent && !socket.isClosed()) {
      try {
        held.add(socket.accept());
      } catch (IOException e) {
        // a closed socket ends the loop
      }
    }
    while (!silent && !socket.isClosed()) {
      try (Socket s = socket.accept()) {
        if (s instanceof SSLSocket tls) {
          tls.setSoTimeout(5000);
          tls.startHandshake();
        }
      } catch (IOException e) {
        // a failed handshake is what some tests want; a closed socket ends the loop
      }
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    socket.close();
    acceptor.join();
    for (Socket s : held) {
      s.close();
    }
  }

  /** Offers the certificate only when the client named a server (SNI, RFC 6066 section 3). */
  private static final class SniOnly extends X509ExtendedKeyManager {
    private final X509ExtendedKeyManager keys;

    SniOnly(X509ExtendedKeyManager keys) {
      this.keys = keys;
    }

    private static boolean namedServer(SSLSession handshake) {
      return handshake instanceof ExtendedSSLSession e && !e.getRequestedServerNames().isEmpty();
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      SSLSession hs = ((SSLSocket) socket).getHandshakeSession();
      return namedServer(hs) ? keys.chooseServerAlias(keyType, issuers, socket) : null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
      return namedServer(engine.getHandshakeSession())
          ? keys.chooseEngineServerAlias(keyType, issuers, engine)
          : null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return keys.getClientAliases(keyType, issuers);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return keys.chooseClientAlias(keyType, issuers, socket);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return keys.getServerAliases(keyType, issuers);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return keys.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return keys.getPrivateKey(alias);
    }
  }
}
