package com.dossiercapture.sync;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * TLS towards the central system: trust the court's own certificate authority (a PEM file, one or
 * more certificates) instead of, not besides, the public ones, and optionally present a client
 * certificate for mutual TLS (a PKCS#12 file).
 *
 * @param courtCaPem the court CA certificates, or {@code null} to trust the JDK's default CAs
 * @param clientPkcs12 the workstation's key and certificate, or {@code null} for no mutual TLS
 * @param clientPassword the PKCS#12 password (never logged)
 */
public record TlsSettings(Path courtCaPem, Path clientPkcs12, char[] clientPassword) {

  /** Applies these settings to an OkHttp builder. */
  public void apply(OkHttpClient.Builder b) {
    try {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      if (courtCaPem != null) {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        try (InputStream in = Files.newInputStream(courtCaPem)) {
          int i = 0;
          for (Certificate c : cf.generateCertificates(in)) {
            trust.setCertificateEntry("court-ca-" + i++, c);
          }
          if (i == 0) {
            throw new SyncException(
                SyncException.Kind.LOCAL, courtCaPem + " holds no PEM certificate");
          }
        }
        tmf.init(trust);
      } else {
        tmf.init((KeyStore) null);
      }
      X509TrustManager tm =
          (X509TrustManager)
              Arrays.stream(tmf.getTrustManagers())
                  .filter(X509TrustManager.class::isInstance)
                  .findFirst()
                  .orElseThrow();
      KeyManagerFactory kmf = null;
      if (clientPkcs12 != null) {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(clientPkcs12)) {
          ks.load(in, clientPassword);
        }
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, clientPassword);
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf == null ? null : kmf.getKeyManagers(), new TrustManager[] {tm}, null);
      b.sslSocketFactory(ctx.getSocketFactory(), tm);
    } catch (IOException | GeneralSecurityException e) {
      throw new SyncException(
          SyncException.Kind.LOCAL,
          "cannot set up TLS from "
              + (courtCaPem == null ? "" : courtCaPem + " ")
              + (clientPkcs12 == null ? "" : clientPkcs12 + " ")
              + "("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + ")",
          e);
    }
  }

  @Override
  public String toString() {
    return "TlsSettings[courtCaPem=" + courtCaPem + ", clientPkcs12=" + clientPkcs12 + "]";
  }
}
