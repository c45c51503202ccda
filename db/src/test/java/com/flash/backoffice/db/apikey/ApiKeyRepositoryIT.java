package com.flash.backoffice.db.apikey;

import static com.flash.backoffice.db.jooq.Tables.API_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.testsupport.TestDatabase;
import java.time.Duration;
import java.time.Instant;
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

        assertThat(apiKeys.revoke(created.id(), "bob")).isEqualTo(RevokeResult.REVOKED);
        assertThat(apiKeys.revoke(created.id(), "carol")).isEqualTo(RevokeResult.ALREADY_REVOKED);
        assertThat(apiKeys.revoke("unknown", "bob")).isEqualTo(RevokeResult.NOT_FOUND);

        assertThat(apiKeys.findActiveByPlaintext(created.plaintextKey())).isEmpty();
        assertThat(apiKeys.list()).singleElement().satisfies(key -> {
            assertThat(key.isActive()).isFalse();
            assertThat(key.revokedBy()).as("the first revocation stays").isEqualTo("bob");
            assertThat(key.permissions()).isEmpty();
        });
    }

    @Test
    void a_key_past_its_expiry_is_no_longer_active_and_one_before_it_is() {
        Instant now = Instant.now();
        CreatedApiKey expired = apiKeys.create(new NewApiKey("old", null, List.of(), "alice", now.minusSeconds(1)));
        CreatedApiKey current =
                apiKeys.create(new NewApiKey("new", null, List.of(), "alice", now.plus(Duration.ofDays(1))));
        CreatedApiKey forever = apiKeys.create(new NewApiKey("forever", null, List.of(), "alice", null));

        assertThat(apiKeys.findActiveByPlaintext(expired.plaintextKey())).isEmpty();
        assertThat(apiKeys.findActiveByPlaintext(current.plaintextKey()))
                .hasValueSatisfying(key -> assertThat(key.expiresAt()).isAfter(now));
        assertThat(apiKeys.findActiveByPlaintext(forever.plaintextKey()))
                .hasValueSatisfying(key -> assertThat(key.expiresAt()).isNull());
        assertThat(apiKeys.findById(expired.id()))
                .hasValueSatisfying(key -> assertThat(key.isExpired(now)).isTrue());
    }

    @Test
    void use_is_noted_at_most_once_a_minute() {
        CreatedApiKey created = apiKeys.create("POS", null, List.of(), "alice");
        Instant first = Instant.parse("2026-12-07T10:00:00Z");
        ApiKey fresh = apiKeys.findById(created.id()).orElseThrow();
        assertThat(fresh.lastUsedAt()).isNull();

        assertThat(apiKeys.noteUse(fresh, first)).isTrue();
        assertThat(apiKeys.noteUse(fresh, first.plusSeconds(30)))
                .as("a second instance that read the key before the first noted it does not write again")
                .isFalse();
        ApiKey noted = apiKeys.findById(created.id()).orElseThrow();
        assertThat(noted.lastUsedAt()).isEqualTo(first);
        assertThat(apiKeys.noteUse(noted, first.plusSeconds(59))).isFalse();

        assertThat(apiKeys.noteUse(noted, first.plusSeconds(60))).isTrue();
        assertThat(apiKeys.findById(created.id()).orElseThrow().lastUsedAt()).isEqualTo(first.plusSeconds(60));
    }
}
