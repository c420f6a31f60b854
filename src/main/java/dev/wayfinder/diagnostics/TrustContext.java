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
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The trust of the TLS steps: the JDK's CAs plus those of the configured PEM bundle, so internal
 * CAs validate while public ones still do. Built once; a CA file that cannot be read fails the TLS
 * steps with the reason rather than the whole report.
 */
final class TrustContext {
  private final SSLContext context;
  private final String problem;

  TrustContext(Path caFile) {
    SSLContext built = null;
    String why = null;
    try {
      built = caFile == null ? SSLContext.getDefault() : withCaFile(caFile);
    } catch (GeneralSecurityException | IOException e) {
      why = "cannot use ca_file " + caFile + ": " + Errors.describe(e);
    }
    this.context = built;
    this.problem = why;
  }

  /** The context, or the reason it could not be built. */
  SSLContext context() throws IOException {
    if (context == null) {
      throw new IOException(problem);
    }
    return context;
  }

  private static SSLContext withCaFile(Path caFile) throws GeneralSecurityException, IOException {
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
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  private static X509TrustManager jdkTrust() throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init((KeyStore) null);
    for (var tm : factory.getTrustManagers()) {
      if (tm instanceof X509TrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("the JDK has no X.509 trust manager");
  }
}
