package com.flash.backoffice.db.webhook;

import static com.flash.backoffice.db.jooq.Tables.WEBHOOK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.support.MasterKeySeal;
import com.flash.backoffice.db.testsupport.TestDatabase;
import com.flash.backoffice.db.testsupport.TestMasterKey;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Webhook secrets at rest on real MariaDB: sealed under the master key, read back in clear, old rows sealed later. */
class WebhookSecretsIT {

    private static TestDatabase database;
    private static WebhookRepository webhooks;
    private static Merchant store;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.migrated("webhook_secrets_it");
        webhooks = new WebhookRepository(database.dsl(), TestMasterKey.seal());
        store = new MerchantRepository(database.dsl()).create(NewMerchant.withDefaults("Secrets", "EUR"));
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void a_secret_is_stored_sealed_and_read_back_in_clear_and_an_update_seals_the_new_one() {
        String secret = "s".repeat(200);
        Webhook webhook = webhooks.create(store.id(), settings(secret));

        String stored = stored(webhook.id());
        assertThat(stored).startsWith("v1:").doesNotContain("ssss");
        assertThat(webhook.secret()).isEqualTo(secret);
        assertThat(webhooks.findById(webhook.id()).orElseThrow().secret()).isEqualTo(secret);

        webhooks.update(store.id(), webhook.id(), settings("the new secret"));
        assertThat(stored(webhook.id())).startsWith("v1:").isNotEqualTo(stored).doesNotContain("new secret");
        assertThat(webhooks.findById(webhook.id()).orElseThrow().secret()).isEqualTo("the new secret");
    }

    @Test
    void a_secret_stored_in_clear_before_is_read_as_is_and_sealed_once_and_a_sealed_one_opens_only_in_its_own_row() {
        Webhook old = webhooks.create(store.id(), settings("legacy secret"));
        Webhook other = webhooks.create(store.id(), settings("other secret"));
        database.dsl()
                .update(WEBHOOK)
                .set(WEBHOOK.SECRET, "legacy secret")
                .where(WEBHOOK.ID.eq(old.id()))
                .execute();
        assertThat(webhooks.findById(old.id()).orElseThrow().secret()).isEqualTo("legacy secret");

        assertThat(webhooks.sealPlaintextSecrets()).isGreaterThanOrEqualTo(1);
        assertThat(webhooks.sealPlaintextSecrets()).isZero();
        assertThat(stored(old.id())).startsWith("v1:");
        assertThat(webhooks.findById(old.id()).orElseThrow().secret()).isEqualTo("legacy secret");

        database.dsl()
                .update(WEBHOOK)
                .set(WEBHOOK.SECRET, stored(other.id()))
                .where(WEBHOOK.ID.eq(old.id()))
                .execute();
        assertThatThrownBy(() -> webhooks.findById(old.id()))
                .as("another row's sealed secret")
                .isInstanceOf(MasterKeySeal.WrongKeyException.class);
        WebhookRepository otherKey = new WebhookRepository(
                database.dsl(), new MasterKeySeal(HexFormat.of().parseHex("22".repeat(32))));
        assertThatThrownBy(() -> otherKey.findById(other.id())).isInstanceOf(MasterKeySeal.WrongKeyException.class);
    }

    private static String stored(String webhookId) {
        return database.dsl()
                .select(WEBHOOK.SECRET)
                .from(WEBHOOK)
                .where(WEBHOOK.ID.eq(webhookId))
                .fetchSingle(WEBHOOK.SECRET);
    }

    private static WebhookSettings settings(String secret) {
        return new WebhookSettings("https://example.com/hook", secret, true, true, true, List.of());
    }
}
