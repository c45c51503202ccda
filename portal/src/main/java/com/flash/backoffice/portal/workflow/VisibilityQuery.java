package com.flash.backoffice.portal.workflow;

import java.util.ArrayList;
import java.util.List;

/** Builds a Temporal visibility query from the filter, quoting values so a filter can't change the query. */
final class VisibilityQuery {

    private VisibilityQuery() {}

    static String of(WorkflowFilter filter) {
        List<String> clauses = new ArrayList<>();
        if (filter.hasType()) {
            clauses.add("WorkflowType = " + quote(filter.type()));
        }
        if (filter.hasStatus()) {
            clauses.add("ExecutionStatus = "
                    + quote(TemporalVisibility.statusName(TemporalVisibility.statusOf(filter.status()))));
        }
        if (filter.hasBusinessId()) {
            clauses.add("WorkflowId STARTS_WITH " + quote(filter.businessIdPrefix()));
        }
        // no ORDER BY: only Elasticsearch visibility accepts it; SQL visibility already lists newest first
        return String.join(" AND ", clauses);
    }

    static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
