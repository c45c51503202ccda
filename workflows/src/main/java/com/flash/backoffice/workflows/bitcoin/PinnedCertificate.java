package com.flash.backoffice.workflows.bitcoin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Trusts exactly one (self-signed) certificate, as btcd's {@code rpc.cert}: the TLS handshake accepts only it, and
 * the host name check accepts a peer that presented that very certificate.
 */
final class PinnedCertificate {

    private final Certificate certificate;

    private PinnedCertificate(Certificate certificate) {
        this.certificate = certificate;
    }

    static PinnedCertificate load(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            return new PinnedCertificate(CertificateFactory.getInstance("X.509").generateCertificate(in));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the node's TLS certificate " + pem, e);
        }
    }

    SSLSocketFactory socketFactory() {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("node", certificate);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return ssl.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a TLS context for the pinned certificate", e);
        }
    }

    HostnameVerifier hostnameVerifier() {
        return (host, session) -> {
            try {
                Certificate[] chain = session.getPeerCertificates();
                return chain.length > 0 && chain[0].equals(certificate);
            } catch (SSLPeerUnverifiedException e) {
                return false;
            }
        };
    }
}
