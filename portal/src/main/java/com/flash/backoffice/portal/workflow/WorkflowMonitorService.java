package com.flash.backoffice.portal.workflow;

import com.flash.backoffice.portal.audit.AuditService;
import com.flash.backoffice.portal.security.CurrentUser;
import com.flash.backoffice.portal.security.StaffRoles;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.RequestCancelWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.TerminateWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceBlockingStub;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** Staff's window on Temporal: list, inspect, cancel and terminate any workflow of the namespace. */
@Service
public class WorkflowMonitorService {

    static final int PAGE_LIMIT = 500;
    private static final int MAX_HISTORY_EVENTS = 5_000;

    private final WorkflowClient client;
    private final TemporalVisibility visibility;
    private final AuditService audit;
    private final CurrentUser currentUser;

    WorkflowMonitorService(WorkflowClient client, AuditService audit, CurrentUser currentUser) {
        this.client = client;
        this.visibility = new TemporalVisibility(this::stub, namespace(client));
        this.audit = audit;
        this.currentUser = currentUser;
    }

    @PreAuthorize(StaffRoles.ANY_STAFF)
    public WorkflowPage list(WorkflowFilter filter) {
        return visibility.list(filter, PAGE_LIMIT);
    }

    @PreAuthorize(StaffRoles.ANY_STAFF)
    public Optional<WorkflowDetail> describe(String workflowId) {
        try {
            var description = stub().describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(namespace(client))
                    .setExecution(execution(workflowId))
                    .build());
            List<HistoryEvent> history = history(workflowId);
            List<WorkflowDetail.PendingActivity> activities = description.getPendingActivitiesList().stream()
                    .map(activity -> new WorkflowDetail.PendingActivity(
                            activity.getActivityId(),
                            activity.getActivityType().getName(),
                            activity.getState().name().replace("PENDING_ACTIVITY_STATE_", ""),
                            activity.getAttempt(),
                            activity.hasLastFailure()
                                    ? activity.getLastFailure().getMessage()
                                    : ""))
                    .toList();
            List<String> waitingFor = new ArrayList<>();
            activities.forEach(activity -> waitingFor.add("Activity " + activity.activityType()));
            description
                    .getPendingChildrenList()
                    .forEach(child -> waitingFor.add("Child workflow " + child.getWorkflowId()));
            if (description.getWorkflowExecutionInfo().getStatus().name().endsWith("RUNNING")) {
                waitingFor.addAll(HistoryTimeline.pendingTimers(history));
                if (waitingFor.isEmpty()) {
                    waitingFor.add("A signal, update or workflow task (nothing scheduled)");
                }
            }
            return Optional.of(new WorkflowDetail(
                    TemporalVisibility.summarize(description.getWorkflowExecutionInfo()),
                    HistoryTimeline.input(history),
                    activities,
                    waitingFor,
                    HistoryTimeline.of(history)));
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @PreAuthorize("hasRole('" + StaffRoles.ADMIN + "')")
    public WorkflowActionResult cancel(String workflowId, String reason) {
        requireReason(reason);
        return act(
                workflowId,
                "workflow.cancel",
                reason,
                () -> stub().requestCancelWorkflowExecution(RequestCancelWorkflowExecutionRequest.newBuilder()
                        .setNamespace(namespace(client))
                        .setWorkflowExecution(execution(workflowId))
                        .setIdentity(identity())
                        .setReason(reason)
                        .setRequestId(UUID.randomUUID().toString())
                        .build()));
    }

    @PreAuthorize("hasRole('" + StaffRoles.ADMIN + "')")
    public WorkflowActionResult terminate(String workflowId, String reason) {
        requireReason(reason);
        return act(
                workflowId,
                "workflow.terminate",
                reason,
                () -> stub().terminateWorkflowExecution(TerminateWorkflowExecutionRequest.newBuilder()
                        .setNamespace(namespace(client))
                        .setWorkflowExecution(execution(workflowId))
                        .setIdentity(identity())
                        .setReason(reason)
                        .build()));
    }

    private WorkflowActionResult act(String workflowId, String action, String reason, Runnable call) {
        Optional<WorkflowDetail> before = describe(workflowId);
        if (before.isEmpty()) {
            return WorkflowActionResult.NOT_FOUND;
        }
        if (!before.get().isRunning()) {
            return WorkflowActionResult.ALREADY_CLOSED;
        }
        call.run();
        String statusAfter = describe(workflowId).map(d -> d.summary().status()).orElse("unknown");
        audit.record(
                action,
                "workflow",
                workflowId,
                new StatusSnapshot(before.get().summary().status()),
                new StatusSnapshot(statusAfter),
                reason);
        return WorkflowActionResult.DONE;
    }

    record StatusSnapshot(String status) {}

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("A reason is required.");
        }
    }

    private List<HistoryEvent> history(String workflowId) {
        List<HistoryEvent> events = new ArrayList<>();
        com.google.protobuf.ByteString token = com.google.protobuf.ByteString.EMPTY;
        do {
            var response = stub().getWorkflowExecutionHistory(GetWorkflowExecutionHistoryRequest.newBuilder()
                    .setNamespace(namespace(client))
                    .setExecution(execution(workflowId))
                    .setMaximumPageSize(1000)
                    .setNextPageToken(token)
                    .build());
            events.addAll(response.getHistory().getEventsList());
            token = response.getNextPageToken();
        } while (!token.isEmpty() && events.size() < MAX_HISTORY_EVENTS);
        return events;
    }

    private String identity() {
        return currentUser.get().map(CurrentUser.Staff::username).orElse("portal") + "@flash-portal";
    }

    private WorkflowServiceBlockingStub stub() {
        return client.getWorkflowServiceStubs().blockingStub();
    }

    private static WorkflowExecution execution(String workflowId) {
        return WorkflowExecution.newBuilder().setWorkflowId(workflowId).build();
    }

    private static String namespace(WorkflowClient client) {
        return client.getOptions().getNamespace();
    }

    @PreAuthorize(StaffRoles.ANY_STAFF)
    public WorkflowPage.Visibility visibilityMode() {
        return visibility.mode();
    }
}
