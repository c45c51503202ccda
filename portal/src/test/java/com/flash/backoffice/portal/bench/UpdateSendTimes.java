package com.flash.backoffice.portal.bench;

import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptor;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowClientInterceptorBase;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When the portal's Temporal client sent each workflow its first update of a given name (the moment an approval
 * leaves {@code ApprovalService.decide} for its workflow) and when that call returned. Registered as a bean of the benchmark's context only, where
 * the Temporal starter hands every {@code WorkflowClientInterceptor} bean to the client it builds.
 */
final class UpdateSendTimes extends WorkflowClientInterceptorBase {

    private final String updateName;
    private final Map<String, Instant> sentByWorkflowId = new ConcurrentHashMap<>();
    private final Map<String, Instant> returnedByWorkflowId = new ConcurrentHashMap<>();

    UpdateSendTimes(String updateName) {
        this.updateName = updateName;
    }

    Map<String, Instant> sentByWorkflowId() {
        return Map.copyOf(sentByWorkflowId);
    }

    /** When the update call returned: the untyped stub's {@code update} waits for the update to complete. */
    Map<String, Instant> returnedByWorkflowId() {
        return Map.copyOf(returnedByWorkflowId);
    }

    @Override
    public WorkflowClientCallsInterceptor workflowClientCallsInterceptor(WorkflowClientCallsInterceptor next) {
        return new WorkflowClientCallsInterceptorBase(next) {
            @Override
            public <R> WorkflowUpdateHandle<R> startUpdate(StartUpdateInput<R> input) {
                if (!updateName.equals(input.getUpdateName())) {
                    return super.startUpdate(input);
                }
                String workflowId = input.getWorkflowExecution().getWorkflowId();
                sentByWorkflowId.putIfAbsent(workflowId, Instant.now());
                WorkflowUpdateHandle<R> handle = super.startUpdate(input);
                returnedByWorkflowId.putIfAbsent(workflowId, Instant.now());
                return handle;
            }
        };
    }
}
