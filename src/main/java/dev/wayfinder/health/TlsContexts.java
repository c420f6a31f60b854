package dev.wayfinder.health;

import dev.wayfinder.registry.HealthSpec.TlsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** The TLS trust of an https probe: the system store, a CA file, or none ({@code insecure}). */
final class TlsContexts {
  private TlsContexts() {}

  static SSLContext forConfig(TlsConfig tls) throws GeneralSecurityException, IOException {
    if (tls == null || (!tls.insecure() && tls.caFile() == null)) {
      return SSLContext.getDefault();
    }
    TrustManager[] trust =
        tls.insecure() ? new TrustManager[] {new TrustEverything()} : fromCaFile(tls);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust, null);
    return context;
  }

  /** Trusts exactly the certificates of the PEM bundle (not the system store as well). */
  private static TrustManager[] fromCaFile(TlsConfig tls)
      throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    try (InputStream in = Files.newInputStream(tls.caFile())) {
      int i = 0;
      for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + i++, cert);
      }
      if (i == 0) {
        throw new GeneralSecurityException("no certificate in " + tls.caFile());
      }
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return factory.getTrustManagers();
  }

  /**
   * {@code insecure: true}. It extends {@link X509ExtendedTrustManager} on purpose: JSSE checks the
   * host name inside the extended trust manager, and wraps a plain one in a wrapper that would
   * still check it; accepting here skips both the chain and the name.
   */
  private static final class TrustEverything extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
