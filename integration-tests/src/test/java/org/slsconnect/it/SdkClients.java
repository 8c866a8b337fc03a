package org.slsconnect.it;

import org.slsconnect.emulator.sls.SlsEmulator;

import com.aliyun.openservices.log.Client;
import com.aliyun.openservices.log.http.client.ClientConfiguration;

/** The real SDK pointed at the emulator through its HTTP-proxy route, as a user's tools would be. */
final class SdkClients {

    private SdkClients() {}

    static Client client(SlsEmulator sls) {
        ClientConfiguration cfg = new ClientConfiguration();
        cfg.setProxyHost("127.0.0.1");
        cfg.setProxyPort(sls.port());
        return new Client(sls.endpoint(), ConnectHarness.ACCESS_KEY_ID, ConnectHarness.ACCESS_KEY_SECRET, cfg);
    }
}
