package com.flash.backoffice.portal.testsupport;

import com.flash.backoffice.portal.FlashApplication;
import com.flash.backoffice.portal.dev.EmbeddedTemporalServer;
import com.flash.backoffice.workflows.regtest.LndNode;
import com.flash.backoffice.workflows.regtest.RegtestNetwork;
import java.net.URI;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole portal with its HTTP server on the real regtest network: btcd, and {@code flashsNode} as Flash's LND.
 * It has a database and a Temporal server of its own, so no other test context's workers (on the simulated network)
 * ever take its work.
 */
public final class RegtestPortal implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final EmbeddedTemporalServer temporal;

    private RegtestPortal(ConfigurableApplicationContext context, EmbeddedTemporalServer temporal) {
        this.context = context;
        this.temporal = temporal;
    }

    public static RegtestPortal start(RegtestNetwork net, LndNode flashsNode, String databaseName) {
        String jdbcUrl = TestServers.mariaDb().createDatabase(databaseName);
        EmbeddedTemporalServer temporal = EmbeddedTemporalServer.start(TestServers.freePort());
        ConfigurableApplicationContext context = new SpringApplicationBuilder(FlashApplication.class)
                .run(
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--spring.datasource.url=" + jdbcUrl,
                        "--spring.datasource.username=" + TestServers.mariaDb().username(),
                        "--spring.datasource.password=" + TestServers.mariaDb().password(),
                        "--spring.temporal.connection.target=" + temporal.target(),
                        "--flash.reports.directory=" + TestServers.reportsDirectory(),
                        "--flash.rates.fetch-enabled=false",
                        "--flash.bitcoin.network=REGTEST",
                        "--flash.bitcoin.rpc.url=" + net.btcdRpcUrl(),
                        "--flash.bitcoin.rpc.user=" + net.btcdRpcUser(),
                        "--flash.bitcoin.rpc.password=" + net.btcdRpcPassword(),
                        "--flash.bitcoin.rpc.tls-cert-path=" + net.btcdRpcCert(),
                        "--flash.lnd.host=" + flashsNode.host(),
                        "--flash.lnd.port=" + flashsNode.grpcPort(),
                        "--flash.lnd.tls-cert-path=" + flashsNode.tlsCert(),
                        "--flash.lnd.macaroon-path=" + flashsNode.adminMacaroon(),
                        "--vaadin.devmode.devTools.enabled=false",
                        "--logging.level.org.mariadb.jdbc.message.server.ErrorPacket=ERROR");
        return new RegtestPortal(context, temporal);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** {@code path} on the portal's HTTP server, e.g. {@code /boltcard?p=..}. */
    public URI uri(String pathAndQuery) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    @Override
    public void close() {
        context.close();
        temporal.close();
    }
}
