package com.flash.backoffice.portal.workflow;

/**
 * What the Workflows view filters on; blank fields match everything.
 *
 * @param type workflow type, exact (e.g. {@code InvoiceWorkflow})
 * @param status execution status name as Temporal spells it (Running, Completed, Failed, Canceled, Terminated,
 *     ContinuedAsNew, TimedOut)
 * @param businessIdPrefix start of the workflow id, which is the business id ({@code invoice-42})
 */
public record WorkflowFilter(String type, String status, String businessIdPrefix) {

    public static final WorkflowFilter ALL = new WorkflowFilter(null, null, null);

    public boolean hasType() {
        return type != null && !type.isBlank();
    }

    public boolean hasStatus() {
        return status != null && !status.isBlank();
    }

    public boolean hasBusinessId() {
        return businessIdPrefix != null && !businessIdPrefix.isBlank();
    }
}
