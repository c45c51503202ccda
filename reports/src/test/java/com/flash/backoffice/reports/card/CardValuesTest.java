package com.flash.backoffice.reports.card;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CardValuesTest {

    @Test
    void the_kind_of_a_card_movement_follows_its_entry_source_key() {
        assertThat(CardValues.kind("card-top-up-5Hq2")).isEqualTo("Top-up");
        assertThat(CardValues.kind("card-tap-42-reserve")).isEqualTo("Tap");
        assertThat(CardValues.kind("card-tap-42-released")).isEqualTo("Tap not paid");
        assertThat(CardValues.kind("card-7xYz-replaced")).isEqualTo("Replacement");
        assertThat(CardValues.kind("card-7xYz-test-top-up")).isEqualTo("Other");
        assertThat(CardValues.kind("invoice-abc-settlement")).isEqualTo("Other");
        assertThat(CardValues.kind(null)).isNull();
    }

    @Test
    void the_card_account_prefixes_come_from_the_chart_of_accounts() {
        assertThat(CardAccounts.BALANCE_PREFIX).isEqualTo("liabilities:card:");
        assertThat(CardAccounts.PENDING_PREFIX).isEqualTo("liabilities:card-pending:");
    }
}
