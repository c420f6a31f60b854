package dev.wayfinder.diagnostics;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The trust of the TLS steps: the JDK's CAs plus those of the configured PEM bundle, so internal
 * CAs validate while public ones still do. The trust is built once, at the first report that needs
 * it: the JDK's CA store is a few hundred certificates parsed into the heap, which a daemon whose
 * diagnostics never run should not hold. A CA file that cannot be read fails the TLS steps with the
 * reason rather than the whole report.
 *
 * <p>Each handshake gets a context of its own, so its session cache is empty: a handshake without
 * SNI must not resume the session of the handshake with SNI (TLS 1.3 resumption skips the server's
 * certificate choice, which is where SNI matters), nor one from an earlier report.
 */
final class TrustContext {
  private final Path caFile;
  private TrustManager[] trust;
  private String problem;

  TrustContext(Path caFile) {
    this.caFile = caFile;
  }

  /** A fresh context for one handshake, or the reason the trust could not be built. */
  SSLContext context() throws IOException {
    TrustManager[] trust = trust();
    if (trust == null) {
      throw new IOException(problem);
    }
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot make a TLS context: " + Errors.describe(e), e);
    }
  }

  private synchronized TrustManager[] trust() {
    if (trust == null && problem == null) {
      try {
        trust = caFile == null ? jdkFactory().getTrustManagers() : withCaFile(caFile);
      } catch (GeneralSecurityException | IOException e) {
        problem = "cannot use ca_file " + caFile + ": " + Errors.describe(e);
      }
    }
    return trust;
  }

  private static TrustManager[] withCaFile(Path caFile)
      throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    int i = 0;
    for (X509Certificate ca : jdkTrust().getAcceptedIssuers()) {
      store.setCertificateEntry("jdk-" + i++, ca);
    }
    int own = 0;
    try (InputStream in = Files.newInputStream(caFile)) {
      for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-file-" + own++, cert);
      }
    }
    if (own == 0) {
      throw new GeneralSecurityException("no certificate in it");
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return factory.getTrustManagers();
  }

  private static TrustManagerFactory jdkFactory() throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init((KeyStore) null);
    return factory;
  }

  private static X509TrustManager jdkTrust() throws GeneralSecurityException {
    for (TrustManager tm : jdkFactory().getTrustManagers()) {
      if (tm instanceof X509TrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("the JDK has no X.509 trust manager");
  }
}
