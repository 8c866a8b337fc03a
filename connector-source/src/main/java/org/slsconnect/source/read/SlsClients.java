package org.slsconnect.source.read;

import java.security.GeneralSecurityException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.slsconnect.source.config.SlsSourceConfig;

import com.aliyun.openservices.log.Client;
import com.aliyun.openservices.log.http.signer.SignVersion;

/** Builds the SDK client from the connector config. One place decides every transport setting. */
public final class SlsClients {

    private SlsClients() {}

    public static Client create(SlsSourceConfig config, int maxConnections) {
        ValidatingServiceClient.TlsConfiguration cfg = new ValidatingServiceClient.TlsConfiguration(sslContext(config));
        cfg.setConnectionTimeout(config.connectTimeoutMs());
        cfg.setSocketTimeout(config.requestTimeoutMs());
        cfg.setMaxConnections(Math.max(2, maxConnections));
        // Our own backoff is the only retry: the SDK's would add hidden pauses to a poll and hide failures.
        cfg.setRetryDisabled(true);
        config.proxyHost().ifPresent(host -> {
            cfg.setProxyHost(host);
            cfg.setProxyPort(config.proxyPort());
        });
        if (config.signatureVersion().equals("v4")) {
            cfg.setSignatureVersion(SignVersion.V4);
            cfg.setRegion(config.region());
        }
        Client client = new Client(config.endpoint(), config.accessKeyId(), config.accessKeySecret(),
            new ValidatingServiceClient(cfg));
        config.securityToken().ifPresent(client::setSecurityToken);
        client.setUserAgent("kafka-connect-sls/" + org.slsconnect.source.Version.get());
        return client;
    }

    /** Trusts the CAs of {@code sls.ssl.truststore.location}, else the JVM's default trust store. */
    static SSLContext sslContext(SlsSourceConfig config) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(config.sslTrustStore().orElse(null));   // null: the JVM default (cacerts / javax.net.ssl.trustStore)
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for SLS: " + e.getMessage(), e);
        }
    }
}
