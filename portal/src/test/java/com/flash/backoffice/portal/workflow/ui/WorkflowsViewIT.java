package com.flash.backoffice.portal.workflow.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.audit.AuditLogRepository;
import com.flash.backoffice.db.audit.AuditQuery;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.testsupport.KaribuSpring;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import com.flash.backoffice.portal.workflow.WorkflowActionResult;
import com.flash.backoffice.portal.workflow.WorkflowMonitorService;
import com.flash.backoffice.portal.workflow.WorkflowPage;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authorization.AuthorizationDeniedException;

@PortalSpringTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkflowsViewIT {

    static final String TASK_QUEUE = "workflows-view-it";

    @WorkflowInterface
    public interface WaitingWorkflow {
        @WorkflowMethod
        String await(String greeting);

        @SignalMethod
        void proceed();
    }

    public static class WaitingWorkflowImpl implements WaitingWorkflow {
        private boolean proceed;

        @Override
        public String await(String greeting) {
            Workflow.await(Duration.ofHours(1), () -> proceed);
            return greeting + " done";
        }

        @Override
        public void proceed() {
            proceed = true;
        }
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    WorkflowClient client;

    @Autowired
    WorkflowMonitorService monitor;

    @Autowired
    AuditLogRepository auditLog;

    WorkerFactory workers;

    @BeforeAll
    void startWorker() {
        workers = WorkerFactory.newInstance(client);
        workers.newWorker(TASK_QUEUE).registerWorkflowImplementationTypes(WaitingWorkflowImpl.class);
        workers.start();
    }

    @AfterAll
    void stopWorker() {
        workers.shutdownNow();
    }

    @AfterEach
    void close() {
        KaribuSpring.close();
    }

    private String startWaitingWorkflow() {
        String id = "test-" + UUID.randomUUID();
        WaitingWorkflow workflow = client.newWorkflowStub(
                WaitingWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(id)
                        .setTaskQueue(TASK_QUEUE)
                        .build());
        WorkflowClient.start(workflow::await, "hello from the test");
        return id;
    }

    @Test
    void a_workflow_started_from_a_test_shows_up_with_its_history() {
        String id = startWaitingWorkflow();
        KaribuSpring.openAs(context, "support", Role.SUPPORT);
        UI.getCurrent().navigate("workflows");

        _setValue(_get(TextField.class, spec -> spec.withId("workflow-id-filter")), id);

        @SuppressWarnings("unchecked")
        Grid<com.flash.backoffice.portal.workflow.WorkflowSummary> grid =
                _get(Grid.class, spec -> spec.withId("workflow-grid"));
        assertThat(GridKt._size(grid)).isEqualTo(1);
        assertThat(GridKt._get(grid, 0).type()).isEqualTo("WaitingWorkflow");
        assertThat(GridKt._get(grid, 0).status()).isEqualTo("Running");
        assertThat(_get(Span.class, spec -> spec.withId("visibility-note")).getText())
                .contains("Embedded Temporal server");

        UI.getCurrent().navigate("workflows/" + id);
        assertThat(_get(Span.class, spec -> spec.withId("workflow-status")).getText())
                .isEqualTo("Running");
        @SuppressWarnings("unchecked")
        Grid<com.flash.backoffice.portal.workflow.WorkflowDetail.TimelineEvent> timeline =
                _get(Grid.class, spec -> spec.withId("workflow-timeline"));
        assertThat(GridKt._get(timeline, 0).type()).isEqualTo("Workflow Execution Started");
        assertThat(GridKt._get(timeline, 0).details()).contains("WaitingWorkflow");
        assertThat(_find(Button.class, spec -> spec.withId("terminate-workflow")))
                .isEmpty();
    }

    @Test
    void filters_by_type_and_status_on_the_embedded_server() {
        String running = startWaitingWorkflow();
        String finished = startWaitingWorkflow();
        client.newWorkflowStub(WaitingWorkflow.class, finished).proceed();
        client.newUntypedWorkflowStub(finished).getResult(String.class);
        KaribuSpring.openAs(context, "accountant", Role.ACCOUNTANT);

        WorkflowPage completed = monitor.list(
                new com.flash.backoffice.portal.workflow.WorkflowFilter("WaitingWorkflow", "Completed", "test-"));
        WorkflowPage open =
                monitor.list(new com.flash.backoffice.portal.workflow.WorkflowFilter(null, "Running", "test-"));

        assertThat(completed.visibility()).isEqualTo(WorkflowPage.Visibility.BASIC);
        assertThat(completed.rows())
                .extracting(row -> row.workflowId())
                .contains(finished)
                .doesNotContain(running);
        assertThat(open.rows())
                .extracting(row -> row.workflowId())
                .contains(running)
                .doesNotContain(finished);
    }

    @Test
    void an_admin_terminates_with_a_reason_and_it_is_audited() {
        String id = startWaitingWorkflow();
        KaribuSpring.openAs(context, "admin", Role.ADMIN);
        UI.getCurrent().navigate("workflows/" + id);

        _click(_get(Button.class, spec -> spec.withId("terminate-workflow")));
        _click(_get(Button.class, spec -> spec.withId("confirm-workflow-action")));
        assertThat(_get(TextArea.class, spec -> spec.withId("workflow-action-reason"))
                        .getErrorMessage())
                .isEqualTo("A reason is required.");
        _setValue(_get(TextArea.class, spec -> spec.withId("workflow-action-reason")), "stuck in test");
        _click(_get(Button.class, spec -> spec.withId("confirm-workflow-action")));

        assertThat(_get(Span.class, spec -> spec.withId("workflow-status")).getText())
                .isEqualTo("Terminated");
        var audit = auditLog.find(new AuditQuery("admin", "workflow.terminate", null, null, 0, 50));
        assertThat(audit).anySatisfy(entry -> {
            assertThat(entry.targetId()).isEqualTo(id);
            assertThat(entry.reason()).isEqualTo("stuck in test");
            assertThat(entry.beforeJson()).contains("Running");
            assertThat(entry.afterJson()).contains("Terminated");
        });
    }

    @Test
    void an_admin_cancels_a_running_workflow_and_a_closed_one_is_left_alone() {
        String id = startWaitingWorkflow();
        KaribuSpring.openAs(context, "admin", Role.ADMIN);

        assertThat(monitor.cancel(id, "customer asked")).isEqualTo(WorkflowActionResult.DONE);
        client.newUntypedWorkflowStub(id)
                .getResultAsync(String.class)
                .exceptionally(failure -> null)
                .join();

        assertThat(monitor.describe(id).orElseThrow().summary().status()).isEqualTo("Canceled");
        assertThat(monitor.cancel(id, "again")).isEqualTo(WorkflowActionResult.ALREADY_CLOSED);
        assertThat(monitor.terminate("no-such-workflow-" + UUID.randomUUID(), "x"))
                .isEqualTo(WorkflowActionResult.NOT_FOUND);
        assertThat(auditLog.find(new AuditQuery("admin", "workflow.cancel", null, null, 0, 50)))
                .anySatisfy(entry -> assertThat(entry.targetId()).isEqualTo(id));
    }

    @Test
    void only_an_admin_may_cancel_or_terminate() {
        String id = startWaitingWorkflow();
        KaribuSpring.openAs(context, "finance", Role.FINANCE);

        assertThatThrownBy(() -> monitor.terminate(id, "not mine to stop"))
                .isInstanceOf(AuthorizationDeniedException.class);
        assertThatThrownBy(() -> monitor.cancel(id, "not mine to stop"))
                .isInstanceOf(AuthorizationDeniedException.class);
        assertThat(monitor.describe(id).orElseThrow().summary().status()).isEqualTo("Running");
    }
}
