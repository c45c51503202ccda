package com.flash.backoffice.db.apikey;

import static com.flash.backoffice.db.jooq.Tables.API_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.testsupport.TestDatabase;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiKeyRepositoryIT {

    private TestDatabase database;
    private DSLContext dsl;
    private ApiKeyRepository apiKeys;

    @BeforeEach
    void migrate() {
        database = TestDatabase.migrated("api_key_it");
        dsl = database.dsl();
        apiKeys = new ApiKeyRepository(dsl);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void the_key_is_stored_only_as_its_sha256() {
        CreatedApiKey created = apiKeys.create("POS terminal", null, List.of("btcpay.store.canviewinvoices"), "alice");

        assertThat(created.plaintextKey()).matches("[0-9a-f]{64}");
        assertThat(created.toString()).doesNotContain(created.plaintextKey());
        String stored = dsl.select(API_KEY.fields()).from(API_KEY).fetchOne().formatCSV();
        assertThat(stored).doesNotContain(created.plaintextKey());
        assertThat(dsl.fetchValue(API_KEY.KEY_HASH)).isEqualTo(ApiKeyHashing.sha256Hex(created.plaintextKey()));
    }

    @Test
    void an_active_key_is_found_by_its_plaintext() {
        CreatedApiKey created = apiKeys.create(
                "POS", null, List.of("btcpay.store.canviewinvoices", "btcpay.store.cancreateinvoice"), "alice");

        ApiKey key = apiKeys.findActiveByPlaintext(created.plaintextKey()).orElseThrow();

        assertThat(key.id()).isEqualTo(created.id());
        assertThat(key.keyPrefix()).isEqualTo(created.plaintextKey().substring(0, 8));
        assertThat(key.permissions()).containsExactly("btcpay.store.canviewinvoices", "btcpay.store.cancreateinvoice");
        assertThat(key.hasPermission("btcpay.store.cancreateinvoice")).isTrue();
        assertThat(apiKeys.findActiveByPlaintext(created.plaintextKey() + "x")).isEmpty();
        assertThat(apiKeys.findActiveByPlaintext("")).isEmpty();
    }

    @Test
    void a_revoked_key_is_no_longer_active_but_stays_listed() {
        CreatedApiKey created = apiKeys.create("POS", null, List.of(), "alice");

        assertThat(apiKeys.revoke(created.id())).isEqualTo(RevokeResult.REVOKED);
        assertThat(apiKeys.revoke(created.id())).isEqualTo(RevokeResult.ALREADY_REVOKED);
        assertThat(apiKeys.revoke("unknown")).isEqualTo(RevokeResult.NOT_FOUND);

        assertThat(apiKeys.findActiveByPlaintext(created.plaintextKey())).isEmpty();
        assertThat(apiKeys.list()).singleElement().satisfies(key -> {
            assertThat(key.isActive()).isFalse();
            assertThat(key.permissions()).isEmpty();
        });
    }
}
