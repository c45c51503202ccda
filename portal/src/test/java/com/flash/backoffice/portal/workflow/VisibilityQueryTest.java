package com.flash.backoffice.portal.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VisibilityQueryTest {

    @Test
    void combines_the_filters_with_and() {
        assertThat(VisibilityQuery.of(new WorkflowFilter("InvoiceWorkflow", "running", "invoice-")))
                .isEqualTo("WorkflowType = 'InvoiceWorkflow' AND ExecutionStatus = 'Running'"
                        + " AND WorkflowId STARTS_WITH 'invoice-'");
    }

    @Test
    void no_filter_is_an_empty_query() {
        assertThat(VisibilityQuery.of(WorkflowFilter.ALL)).isEmpty();
    }

    @Test
    void quotes_in_a_filter_cannot_change_the_query() {
        assertThat(VisibilityQuery.of(new WorkflowFilter(null, null, "x' OR WorkflowType != '")))
                .isEqualTo("WorkflowId STARTS_WITH 'x\\' OR WorkflowType != \\''");
    }

    @Test
    void an_unknown_status_is_refused() {
        assertThatThrownBy(() -> VisibilityQuery.of(new WorkflowFilter(null, "Sleeping", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Sleeping");
    }

    @Test
    void status_names_read_as_temporal_spells_them() {
        assertThat(TemporalVisibility.statusName(
                        io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW))
                .isEqualTo("ContinuedAsNew");
    }
}
