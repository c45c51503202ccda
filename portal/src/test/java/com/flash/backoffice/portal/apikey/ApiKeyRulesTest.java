package com.flash.backoffice.portal.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.portal.api.StorePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeyRulesTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-12-07");

    @Test
    void a_good_draft_has_no_messages() {
        ApiKeyDraft draft = new ApiKeyDraft("POS", "store-1", Set.of(StorePermissions.VIEW_INVOICES), TODAY);

        assertThat(ApiKeyRules.check(draft, TODAY, id -> true)).isEmpty();
    }

    @Test
    void a_key_valid_through_a_day_stops_at_the_midnight_that_ends_it() {
        assertThat(ApiKeyRules.expiresAt(TODAY)).isEqualTo(Instant.parse("2026-12-08T00:00:00Z"));
        assertThat(ApiKeyRules.expiresAt(null)).isNull();
    }

    @Test
    void permissions_are_kept_in_the_order_the_pages_list_them() {
        assertThat(ApiKeyRules.ordered(Set.of(
                        StorePermissions.MODIFY_STORE_SETTINGS,
                        StorePermissions.VIEW_INVOICES,
                        StorePermissions.MANAGE_PAYOUTS)))
                .containsExactly(
                        StorePermissions.VIEW_INVOICES,
                        StorePermissions.MANAGE_PAYOUTS,
                        StorePermissions.MODIFY_STORE_SETTINGS);
    }

    @Test
    void every_offered_permission_is_one_the_api_checks() {
        assertThat(StorePermissions.OFFERED)
                .extracting(choice -> choice.name())
                .doesNotHaveDuplicates()
                .allMatch(name -> name.startsWith("btcpay.store."));
    }
}
