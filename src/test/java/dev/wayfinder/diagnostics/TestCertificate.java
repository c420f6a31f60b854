package dev.wayfinder.diagnostics;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate made at test time by the JDK's {@code keytool}: a PKCS#12 key store for
 * a test server and the certificate's PEM, which the diagnostics trust as their CA file.
 */
record TestCertificate(KeyStore keyStore, char[] password, Path pem) {
  static TestCertificate generate(Path dir, String dnsName)
      throws IOException, InterruptedException, GeneralSecurityException {
    Path store = dir.resolve("server.p12");
    Path pem = dir.resolve("server.pem");
    String pass = "changeit";
    keytool(
        dir,
        "-genkeypair",
        "-alias",
        "server",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=" + dnsName,
        "-ext",
        "SAN=dns:" + dnsName,
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        store.toString(),
        "-storepass",
        pass,
        "-keypass",
        pass);
    keytool(
        dir,
        "-exportcert",
        "-rfc",
        "-alias",
        "server",
        "-keystore",
        store.toString(),
        "-storepass",
        pass,
        "-file",
        pem.toString());
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, pass.toCharArray());
    }
    return new TestCertificate(ks, pass.toCharArray(), pem);
  }

  private static void keytool(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Path log = dir.resolve("keytool.log");
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("keytool did not finish");
    }
    if (p.exitValue() != 0) {
      throw new IOException("keytool failed: " + Files.readString(log));
    }
  }
}
