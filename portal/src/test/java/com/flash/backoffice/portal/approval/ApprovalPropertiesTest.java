package com.flash.backoffice.portal.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApprovalPropertiesTest {

    @Test
    void a_bulk_concurrency_below_one_is_refused_naming_the_setting() {
        assertThatThrownBy(() -> new ApprovalProperties(null, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("flash.approvals.bulk-concurrency must be at least 1, was 0");
    }

    @Test
    void one_decision_at_a_time_is_allowed() {
        assertThat(new ApprovalProperties("finance@example.com", 1).bulkConcurrency())
                .isEqualTo(1);
    }
}
