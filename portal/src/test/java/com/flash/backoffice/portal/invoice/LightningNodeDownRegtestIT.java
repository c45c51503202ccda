package com.flash.backoffice.portal.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.apikey.ApiKeyRepository;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.merchant.OnchainCustody;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.portal.testsupport.RegtestPortal;
import com.flash.backoffice.workflows.invoice.InvoiceWorkflow;
import com.flash.backoffice.workflows.regtest.LndNode;
import com.flash.backoffice.workflows.regtest.RegtestNetwork;
import com.flash.backoffice.workflows.watch.RegtestAccountKeys;
import io.temporal.client.WorkflowClient;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Flash's LND killed while merchants create invoices, on the real regtest network: as BTCPay does, an invoice is still
 * created, degraded to on-chain only (its address comes from the merchant's watch-only key), answered at once and
 * watched by its workflow; with LND up it offers both methods.
 */
class LightningNodeDownRegtestIT {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static RegtestNetwork net;
    private static LndNode flashsNode;
    private static RegtestPortal portal;
    private static Merchant merchant;
    private static String apiKey;

    @BeforeAll
    static void start() {
        net = RegtestNetwork.shared();
        flashsNode = net.startSpareLnd("flash-down");
        portal = RegtestPortal.start(net, flashsNode, "lightning_node_down_regtest_it");
        NewMerchant values = NewMerchant.withDefaults("Node down " + System.nanoTime(), "EUR");
        merchant = portal.bean(MerchantRepository.class)
                .create(new NewMerchant(
                        values.name(),
                        values.defaultCurrency(),
                        RegtestAccountKeys.vpub("lightning node down"),
                        null,
                        SpeedPolicy.MEDIUM,
                        values.invoiceExpiryMinutes(),
                        values.monitoringMinutes(),
                        values.paymentTolerancePct(),
                        values.processingFeePct(),
                        null,
                        values.payoutSchedule(),
                        OnchainCustody.MERCHANT_WALLET));
        apiKey = portal.bean(ApiKeyRepository.class)
                .create(
                        "node-down",
                        merchant.id(),
                        List.of("btcpay.store.cancreateinvoice", "btcpay.store.canviewinvoices"),
                        "test")
                .plaintextKey();
    }

    @AfterAll
    static void stop() {
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    void with_lnd_down_an_invoice_is_created_at_once_for_on_chain_payment_only_and_watched() throws Exception {
        JsonNode up = paymentMethods(create("up"));
        assertThat(destination(up, "BTC-CHAIN")).startsWith("bcrt1");
        assertThat(destination(up, "BTC-LN")).startsWith("lnbcrt");

        net.stopLnd(flashsNode);
        long begin = System.nanoTime();
        String downId = create("down");
        long createdMs = (System.nanoTime() - begin) / 1_000_000;
        JsonNode down = paymentMethods(downId);

        System.out.printf("LND down: invoice created in %d ms, on-chain only%n", createdMs);
        assertThat(destination(down, "BTC-CHAIN")).startsWith("bcrt1");
        assertThat(down.toString()).as("no BOLT11 without the node").doesNotContain("lnbcrt");
        assertThat(createdMs).as("no hanging on the dead node").isLessThan(15_000);
        assertThat(portal.bean(WorkflowClient.class)
                        .newUntypedWorkflowStub(InvoiceWorkflow.workflowId(downId))
                        .describe())
                .as("the invoice is watched")
                .isNotNull();
    }

    private static String create(String orderId) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(portal.uri("/api/v1/stores/" + merchant.id() + "/invoices"))
                                .timeout(Duration.ofSeconds(60))
                                .header("Authorization", "token " + apiKey)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":\"0.001\",\"currency\":\"BTC\","
                                        + "\"metadata\":{\"orderId\":\"" + orderId + "\"}}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("id").asString();
    }

    private static JsonNode paymentMethods(String invoiceId) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(portal.uri("/api/v1/stores/" + merchant.id() + "/invoices/" + invoiceId
                                        + "/payment-methods"))
                                .timeout(Duration.ofSeconds(60))
                                .header("Authorization", "token " + apiKey)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String destination(JsonNode methods, String id) {
        for (JsonNode method : methods) {
            if (id.equals(method.path("paymentMethodId").asString())) {
                return method.path("destination").asString();
            }
        }
        throw new AssertionError("no " + id + " in " + methods);
    }
}
