package com.flash.backoffice.portal.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BusinessPagesTest {

    @Test
    void a_payout_workflow_links_to_its_payout_page() {
        assertThat(BusinessPages.route("payout-8XkQ2")).contains("payouts/8XkQ2");
        assertThat(BusinessPages.route("payment-batch-12")).contains("payment-batches/12");
    }

    @Test
    void a_refund_workflow_links_to_its_refund_page() {
        assertThat(BusinessPages.route("refund-R7")).contains("refunds/R7");
    }

    @Test
    void an_invoice_workflow_and_its_mark_side_job_link_to_the_invoice_page() {
        assertThat(BusinessPages.route("invoice-Ab12")).contains("invoices/Ab12");
        assertThat(BusinessPages.route("invoice-Ab12-mark")).contains("invoices/Ab12");
    }

    @Test
    void a_cards_workflow_links_to_its_page_and_its_top_ups_and_taps_to_pages_that_forward_to_it() {
        assertThat(BusinessPages.route("card-9Qm3")).contains("cards/9Qm3");
        assertThat(BusinessPages.route("card-top-up-T4k")).contains("cards/top-ups/T4k");
        assertThat(BusinessPages.route("card-tap-812")).contains("cards/taps/812");
    }

    @Test
    void workflows_of_no_business_page_link_nowhere() {
        assertThat(BusinessPages.route("report-schedule-7")).isEmpty();
        assertThat(BusinessPages.route("payout-")).isEmpty();
        assertThat(BusinessPages.route(null)).isEmpty();
    }
}
