package com.flash.backoffice.portal.workflow;

import java.util.List;

/**
 * A page of workflows, newest first.
 *
 * @param truncated more matched than {@code rows} holds: the user should narrow the filter
 * @param visibility how the server was asked, so the view can say what the filter covers
 */
public record WorkflowPage(List<WorkflowSummary> rows, boolean truncated, Visibility visibility) {

    public enum Visibility {
        /** The server answers visibility queries (a real Temporal cluster): filters run on the server. */
        ADVANCED("Filters run on the Temporal server (visibility queries)."),
        /**
         * The embedded development server lacks {@code ListWorkflowExecutions}: open and closed executions are
         * listed separately and the remaining filters are applied here.
         */
        BASIC("Embedded Temporal server: no visibility queries, so open and closed executions are listed"
                + " separately and filtered in the portal.");

        private final String explanation;

        Visibility(String explanation) {
            this.explanation = explanation;
        }

        public String explanation() {
            return explanation;
        }
    }
}
