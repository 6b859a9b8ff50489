package io.drydock.platform.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/** The TLS contexts of outbound traffic: the JDK's trust plus an optional CA bundle, or (when asked) no checks. */
public final class TlsContexts {

    private TlsContexts() {
    }

    /**
     * Trusts what the JDK trusts (its {@code cacerts}, or {@code javax.net.ssl.trustStore}) and, in addition, the
     * certificates of a PEM bundle: what a user with a private CA needs.
     *
     * @param caBundle PEM file of one or more CA certificates; null for the JDK's trust alone
     * @throws IllegalArgumentException when the file cannot be read or holds no certificate
     */
    public static SSLContext trusting(Path caBundle) {
        try {
            if (caBundle == null) {
                return SSLContext.getDefault();
            }
            X509ExtendedTrustManager jdk = trustManager(null);
            KeyStore extra = KeyStore.getInstance(KeyStore.getDefaultType());
            extra.load(null, null);
            int index = 0;
            for (Certificate certificate : readCertificates(caBundle)) {
                extra.setCertificateEntry("ca-" + index++, certificate);
            }
            return context(new EitherTrustManager(jdk, trustManager(extra)));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot use the CA bundle " + caBundle + ": " + e.getMessage(), e);
        }
    }

    /**
     * Accepts any certificate for any host: for targets configured not to be verified (Anchore's
     * {@code registry_verify: false}, a webhook's {@code ssl_verify: false}). It is an {@link X509ExtendedTrustManager}
     * on purpose: the JDK checks the host name inside that kind of trust manager, while it wraps a plain
     * {@link X509TrustManager} and checks the host name itself, so a "trust all" of the plain kind still refuses a
     * certificate issued for another name, which is exactly the self-signed case such an option exists for.
     */
    public static SSLContext trustingEverything() {
        try {
            return context(new TrustEverything());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no TLS context", e);
        }
    }

    /**
     * Whether a failure is the peer's certificate being refused (unknown issuer, expired, wrong host name), as opposed to
     * the connection failing; the description of the problem if so.
     */
    public static Optional<String> certificateProblem(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateException || cause instanceof SSLPeerUnverifiedException) {
                return Optional.of(failure.getMessage() != null ? failure.getMessage() : cause.toString());
            }
        }
        return Optional.empty();
    }

    private static SSLContext context(TrustManager trustManager) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[]{trustManager}, new SecureRandom());
        return context;
    }

    private static X509ExtendedTrustManager trustManager(KeyStore keyStore) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(keyStore);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the JDK's trust manager factory made no X.509 trust manager");
    }

    private static Collection<? extends Certificate> readCertificates(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new CertificateException("no certificate in " + pem);
            }
            return certificates;
        }
    }

    /** Trusts a chain when the JDK's trust or the extra CAs do; the host name is checked by whichever accepts. */
    private static final class EitherTrustManager extends X509ExtendedTrustManager {

        private final X509ExtendedTrustManager first;
        private final X509ExtendedTrustManager second;

        EitherTrustManager(X509ExtendedTrustManager first, X509ExtendedTrustManager second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            either(manager -> manager.checkServerTrusted(chain, authType, engine));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            either(manager -> manager.checkServerTrusted(chain, authType, socket));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            either(manager -> manager.checkServerTrusted(chain, authType));
        }

        private void either(Check check) throws CertificateException {
            try {
                check.run(first);
            } catch (CertificateException refused) {
                try {
                    check.run(second);
                } catch (CertificateException alsoRefused) {
                    refused.addSuppressed(alsoRefused);
                    throw refused;
                }
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            first.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            first.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            first.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            List<X509Certificate> issuers = new ArrayList<>(List.of(first.getAcceptedIssuers()));
            issuers.addAll(List.of(second.getAcceptedIssuers()));
            return issuers.toArray(X509Certificate[]::new);
        }
    }

    @FunctionalInterface
    private interface Check {
        void run(X509ExtendedTrustManager manager) throws CertificateException;
    }

    private static final class TrustEverything extends X509ExtendedTrustManager {

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
