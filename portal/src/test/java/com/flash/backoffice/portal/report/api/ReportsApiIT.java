package com.flash.backoffice.portal.report.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.flash.backoffice.db.apikey.ApiKeyRepository;
import com.flash.backoffice.db.audit.AuditEntry;
import com.flash.backoffice.db.audit.AuditLogRepository;
import com.flash.backoffice.db.audit.AuditQuery;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.portal.report.ExportAudit;
import com.flash.backoffice.portal.report.LedgerSeed;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** {@code GET /api/v1/reports/{name}} through the whole application: security chain, MariaDB, audit log. */
@PortalSpringTest
class ReportsApiIT {

    static final String VIEW_REPORTS = "btcpay.store.canviewreports";
    static final Instant FROM = Instant.parse("2026-04-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-05-01T00:00:00Z");

    private final MockMvc mvc;
    private final ApiKeyRepository keys;
    private final MerchantRepository merchants;
    private final LedgerRepository ledger;
    private final AuditLogRepository auditLog;

    private Merchant store;

    ReportsApiIT(
            @Autowired WebApplicationContext context,
            @Autowired ApiKeyRepository keys,
            @Autowired MerchantRepository merchants,
            @Autowired LedgerRepository ledger,
            @Autowired AuditLogRepository auditLog) {
        this.mvc = MockMvcBuilders.webAppContextSetup(context)
                .apply(springSecurity())
                .build();
        this.keys = keys;
        this.merchants = merchants;
        this.ledger = ledger;
        this.auditLog = auditLog;
    }

    @BeforeEach
    void store() {
        store = LedgerSeed.merchantWithSettlements(merchants, ledger, 4, FROM.plusSeconds(86_400));
    }

    private String key(String storeId, String... permissions) {
        return keys.create("reports " + UUID.randomUUID(), storeId, List.of(permissions), "test")
                .plaintextKey();
    }

    private ResultActions call(MockHttpServletRequestBuilder request, String key) throws Exception {
        return mvc.perform(request.header("Authorization", "token " + key));
    }

    private static MockHttpServletRequestBuilder statement(String storeId) {
        MockHttpServletRequestBuilder request = get("/api/v1/reports/merchant-statement")
                .param("from", Long.toString(FROM.getEpochSecond()))
                .param("to", Long.toString(TO.getEpochSecond()));
        return storeId == null ? request : request.param("storeId", storeId);
    }

    private static MockHttpServletRequestBuilder journal() {
        return get("/api/v1/reports/journal")
                .param("from", Long.toString(FROM.getEpochSecond()))
                .param("to", Long.toString(TO.getEpochSecond()));
    }

    private List<AuditEntry> apiDownloads() {
        return auditLog.find(new AuditQuery(null, ExportAudit.ACTION_DOWNLOAD, null, null, 0, 1000)).stream()
                .filter(entry -> entry.afterJson().contains("\"via\":\"api\""))
                .toList();
    }

    @Test
    void a_store_key_downloads_its_statement_as_csv_and_the_download_is_audited() throws Exception {
        String key = key(store.id(), VIEW_REPORTS);

        byte[] csv = call(statement(store.id()), key)
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", org.hamcrest.Matchers.startsWith("text/csv")))
                .andExpect(header().string(
                                "Content-Disposition",
                                org.hamcrest.Matchers.allOf(
                                        org.hamcrest.Matchers.startsWith("attachment; filename="),
                                        org.hamcrest.Matchers.containsString("merchant-statement_20260401-000000"),
                                        org.hamcrest.Matchers.endsWith(".csv\""))))
                .andReturn()
                .getResponse()
                .getContentAsByteArray();

        assertThat(LedgerSeed.statementRows(csv))
                .hasSize(4)
                .allSatisfy(row -> assertThat(row.get(4)).isEqualTo("0.00000990"));
        assertThat(apiDownloads())
                .filteredOn(entry -> entry.afterJson().contains(store.id()))
                .singleElement()
                .satisfies(entry -> {
                    assertThat(entry.actor()).startsWith("apikey:");
                    assertThat(entry.afterJson())
                            .contains(
                                    "\"rows\":4", "\"format\":\"CSV\"", "2026-04-01T00:00:00Z", "2026-05-01T00:00:00Z");
                });
    }

    @Test
    void pdf_and_xlsx_are_served_with_their_content_types() throws Exception {
        String key = key(store.id(), VIEW_REPORTS);
        byte[] pdf = call(statement(store.id()).param("format", "pdf"), key)
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf"))
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
        byte[] xlsx = call(statement(store.id()).param("format", "XLSX"), key)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        assertThat(new String(xlsx, 0, 2)).isEqualTo("PK");
    }

    @Test
    void a_key_for_every_store_downloads_a_whole_ledger_report() throws Exception {
        call(journal(), key(null, VIEW_REPORTS)).andExpect(status().isOk());
        call(
                        get("/api/v1/reports/trial-balance").param("to", Long.toString(TO.getEpochSecond())),
                        key(null, VIEW_REPORTS))
                .andExpect(status().isOk());
    }

    @Test
    void a_scoped_permission_works_for_its_store_only() throws Exception {
        String scoped = key(null, VIEW_REPORTS + ":" + store.id());
        call(statement(store.id()), scoped).andExpect(status().isOk());
        Merchant other = merchants.create(NewMerchant.withDefaults("Other " + UUID.randomUUID(), "BTC"));
        call(statement(other.id()), scoped)
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("missing-permission"));
        call(journal(), scoped).andExpect(status().isForbidden());
    }

    @Test
    void no_key_or_an_unknown_key_is_401() throws Exception {
        mvc.perform(statement(store.id()))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("unauthenticated"));
        call(statement(store.id()), "not-a-key")
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("unauthenticated"));
    }

    @Test
    void a_key_without_the_report_permission_is_403() throws Exception {
        call(statement(store.id()), key(store.id(), "btcpay.store.canviewinvoices"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("missing-permission"));
    }

    @Test
    void a_store_key_is_403_for_another_store_and_for_whole_ledger_reports() throws Exception {
        String key = key(store.id(), VIEW_REPORTS);
        Merchant other = merchants.create(NewMerchant.withDefaults("Other " + UUID.randomUUID(), "BTC"));
        int before = apiDownloads().size();
        call(statement(other.id()), key)
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("missing-permission"));
        call(journal(), key)
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("missing-permission"));
        assertThat(apiDownloads()).hasSize(before);
    }

    @Test
    void an_unknown_report_or_store_is_404() throws Exception {
        String global = key(null, VIEW_REPORTS);
        call(get("/api/v1/reports/no-such-report").param("to", "1700000000"), global)
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("report-not-found"));
        call(statement("nosuchstore"), global)
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("store-not-found"));
    }

    @Test
    void bad_parameters_are_400_with_a_code_and_a_message() throws Exception {
        String key = key(store.id(), VIEW_REPORTS);
        String global = key(null, VIEW_REPORTS);
        call(statement(store.id()).param("format", "docx"), key)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("invalid-format"))
                .andExpect(jsonPath("$.message").value("Unknown format 'docx': use csv, xlsx or pdf."));
        call(
                        get("/api/v1/reports/merchant-statement")
                                .param("from", "yesterday")
                                .param("to", "1700000000")
                                .param("storeId", store.id()),
                        key)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("invalid-from"));
        call(
                        get("/api/v1/reports/merchant-statement")
                                .param("from", "1700000000")
                                .param("storeId", store.id()),
                        key)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("missing-to"));
        call(
                        get("/api/v1/reports/merchant-statement")
                                .param("from", "1700000000")
                                .param("to", "1700000000")
                                .param("storeId", store.id()),
                        key)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("invalid-period"));
        call(statement(null), key)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("missing-store"));
        call(journal().param("storeId", store.id()), global)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("store-not-applicable"));
    }
}
