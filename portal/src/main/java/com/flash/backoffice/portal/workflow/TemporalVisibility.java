package com.flash.backoffice.portal.workflow;

import com.flash.backoffice.portal.workflow.WorkflowPage.Visibility;
import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.filter.v1.StatusFilter;
import io.temporal.api.filter.v1.WorkflowTypeFilter;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceBlockingStub;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Lists executions with the server's visibility query when it has one, and otherwise with the older
 * open/closed list calls that the embedded test server answers. Which one works is learnt once.
 */
class TemporalVisibility {

    private final Supplier<WorkflowServiceBlockingStub> stub;
    private final String namespace;
    private volatile Visibility mode;

    TemporalVisibility(Supplier<WorkflowServiceBlockingStub> stub, String namespace) {
        this.stub = stub;
        this.namespace = namespace;
    }

    WorkflowPage list(WorkflowFilter filter, int limit) {
        if (mode != Visibility.BASIC) {
            try {
                WorkflowPage page = listWithQuery(filter, limit);
                mode = Visibility.ADVANCED;
                return page;
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
                    throw e;
                }
                mode = Visibility.BASIC;
            }
        }
        return listOpenAndClosed(filter, limit);
    }

    private WorkflowPage listWithQuery(WorkflowFilter filter, int limit) {
        List<WorkflowSummary> rows = new ArrayList<>();
        ByteString token = ByteString.EMPTY;
        do {
            var response = stub.get()
                    .listWorkflowExecutions(ListWorkflowExecutionsRequest.newBuilder()
                            .setNamespace(namespace)
                            .setQuery(VisibilityQuery.of(filter))
                            .setPageSize(Math.min(limit + 1, 1000))
                            .setNextPageToken(token)
                            .build());
            response.getExecutionsList().forEach(info -> rows.add(summarize(info)));
            token = response.getNextPageToken();
        } while (!token.isEmpty() && rows.size() <= limit);
        return page(rows, limit, Visibility.ADVANCED);
    }

    private WorkflowPage listOpenAndClosed(WorkflowFilter filter, int limit) {
        List<WorkflowSummary> rows = new ArrayList<>();
        boolean wantsOpen = !filter.hasStatus() || "Running".equalsIgnoreCase(filter.status());
        boolean wantsClosed = !filter.hasStatus() || !"Running".equalsIgnoreCase(filter.status());
        if (wantsOpen) {
            var request = ListOpenWorkflowExecutionsRequest.newBuilder()
                    .setNamespace(namespace)
                    .setMaximumPageSize(limit + 1);
            if (filter.hasType()) {
                request.setTypeFilter(WorkflowTypeFilter.newBuilder().setName(filter.type()));
            }
            stub.get().listOpenWorkflowExecutions(request.build()).getExecutionsList().stream()
                    .map(TemporalVisibility::summarize)
                    .forEach(rows::add);
        }
        if (wantsClosed) {
            var request = ListClosedWorkflowExecutionsRequest.newBuilder()
                    .setNamespace(namespace)
                    .setMaximumPageSize(limit + 1);
            // the old API takes one filter at a time: the type on the server, the status here
            if (filter.hasType()) {
                request.setTypeFilter(WorkflowTypeFilter.newBuilder().setName(filter.type()));
            } else if (filter.hasStatus()) {
                request.setStatusFilter(StatusFilter.newBuilder().setStatus(statusOf(filter.status())));
            }
            stub.get().listClosedWorkflowExecutions(request.build()).getExecutionsList().stream()
                    .map(TemporalVisibility::summarize)
                    .forEach(rows::add);
        }
        List<WorkflowSummary> matching = rows.stream()
                .filter(row -> !filter.hasStatus() || row.status().equalsIgnoreCase(filter.status()))
                .filter(row -> !filter.hasType() || row.type().equals(filter.type()))
                .filter(row -> !filter.hasBusinessId() || row.workflowId().startsWith(filter.businessIdPrefix()))
                .sorted(Comparator.comparing(WorkflowSummary::startedAt).reversed())
                .toList();
        return page(new ArrayList<>(matching), limit, Visibility.BASIC);
    }

    Visibility mode() {
        return mode == null ? Visibility.ADVANCED : mode;
    }

    private static WorkflowPage page(List<WorkflowSummary> rows, int limit, Visibility visibility) {
        boolean truncated = rows.size() > limit;
        return new WorkflowPage(List.copyOf(truncated ? rows.subList(0, limit) : rows), truncated, visibility);
    }

    static WorkflowSummary summarize(WorkflowExecutionInfo info) {
        return new WorkflowSummary(
                info.getExecution().getWorkflowId(),
                info.getExecution().getRunId(),
                info.getType().getName(),
                statusName(info.getStatus()),
                Timestamps.toInstant(info.getStartTime()),
                info.hasCloseTime() ? Timestamps.toInstant(info.getCloseTime()) : null,
                info.getHistoryLength(),
                info.getTaskQueue());
    }

    /** {@code WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW} → {@code ContinuedAsNew}, as Temporal's UI and queries say it. */
    static String statusName(WorkflowExecutionStatus status) {
        String raw = status.name().replace("WORKFLOW_EXECUTION_STATUS_", "");
        StringBuilder name = new StringBuilder();
        for (String word : raw.split("_")) {
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase());
        }
        return name.toString();
    }

    static WorkflowExecutionStatus statusOf(String name) {
        for (WorkflowExecutionStatus status : WorkflowExecutionStatus.values()) {
            if (status != WorkflowExecutionStatus.UNRECOGNIZED
                    && statusName(status).equalsIgnoreCase(name)) {
                return status;
            }
        }
        throw new IllegalArgumentException("Unknown workflow status: " + name);
    }
}
