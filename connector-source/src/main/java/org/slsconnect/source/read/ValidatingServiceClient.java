package org.slsconnect.source.read;

import javax.net.ssl.SSLContext;

import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.socket.ConnectionSocketFactory;
import org.apache.hc.client5.http.socket.PlainConnectionSocketFactory;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;
import org.apache.hc.client5.http.ssl.SSLConnectionSocketFactory;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

import com.aliyun.openservices.log.http.client.ClientConfiguration;
import com.aliyun.openservices.log.http.comm.DefaultServiceClient;

/**
 * The SDK's HTTP client with TLS that checks the server. The SDK's own {@code DefaultServiceClient} (0.6.151) builds
 * its https socket factory with a trust strategy that accepts every certificate and {@code NoopHostnameVerifier}, so
 * anyone on the path could present any certificate for {@code <project>.<endpoint>} and read the access key's
 * signed requests and the logs. This one validates the chain against {@link TlsConfiguration#trust} and the host name
 * against the certificate; everything else is what the SDK's method sets up.
 */
final class ValidatingServiceClient extends DefaultServiceClient {

    /** The SDK's configuration plus the TLS context, which the SDK calls back into before our constructor runs. */
    static final class TlsConfiguration extends ClientConfiguration {
        final SSLContext trust;

        TlsConfiguration(SSLContext trust) {
            this.trust = trust;
        }
    }

    ValidatingServiceClient(TlsConfiguration config) {
        super(config);
    }

    @Override
    protected PoolingHttpClientConnectionManager createHttpClientConnectionManager() {
        SSLContext trust = ((TlsConfiguration) config).trust;
        PoolingHttpClientConnectionManager cm = new PoolingHttpClientConnectionManager(
            RegistryBuilder.<ConnectionSocketFactory>create()
                .register("http", PlainConnectionSocketFactory.getSocketFactory())
                .register("https", new SSLConnectionSocketFactory(trust, new DefaultHostnameVerifier()))
                .build());
        cm.setDefaultMaxPerRoute(config.getMaxConnections());
        cm.setMaxTotal(config.getMaxConnections());
        cm.setValidateAfterInactivity(Timeout.ofMilliseconds(config.getValidateAfterInactivity()));
        cm.setDefaultSocketConfig(SocketConfig.custom()
            .setSoTimeout(Timeout.ofMilliseconds(config.getSocketTimeout())).setTcpNoDelay(true).build());
        return cm;
    }
}
