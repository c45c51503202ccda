package com.flash.backoffice.portal.workflow.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.portal.FlashApplication;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.testsupport.KaribuSpring;
import com.flash.backoffice.portal.testsupport.RealTemporalInitializer;
import com.flash.backoffice.portal.testsupport.TestServersInitializer;
import com.flash.backoffice.portal.workflow.WorkflowFilter;
import com.flash.backoffice.portal.workflow.WorkflowMonitorService;
import com.flash.backoffice.portal.workflow.WorkflowPage;
import com.flash.backoffice.portal.workflow.WorkflowSummary;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ContextConfiguration;

/** The Workflows view against a real Temporal server, where filters run as visibility queries. */
@SpringBootTest(classes = FlashApplication.class)
@ContextConfiguration(initializers = {TestServersInitializer.class, RealTemporalInitializer.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkflowsOnRealTemporalIT {

    static final String TASK_QUEUE = "workflows-real-temporal-it";

    @Autowired
    ApplicationContext context;

    @Autowired
    WorkflowClient client;

    @Autowired
    WorkflowMonitorService monitor;

    WorkerFactory workers;

    @BeforeAll
    void startWorker() {
        workers = WorkerFactory.newInstance(client);
        workers.newWorker(TASK_QUEUE).registerWorkflowImplementationTypes(WorkflowsViewIT.WaitingWorkflowImpl.class);
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

    private String start(String prefix) {
        String id = prefix + UUID.randomUUID();
        var workflow = client.newWorkflowStub(
                WorkflowsViewIT.WaitingWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(id)
                        .setTaskQueue(TASK_QUEUE)
                        .build());
        WorkflowClient.start(workflow::await, "hello");
        return id;
    }

    @Test
    void filters_run_on_the_server_as_a_visibility_query() {
        String prefix = "real-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        String running = start(prefix);
        String finished = start(prefix);
        client.newWorkflowStub(WorkflowsViewIT.WaitingWorkflow.class, finished).proceed();
        client.newUntypedWorkflowStub(finished).getResult(String.class);
        KaribuSpring.openAs(context, "finance", Role.FINANCE);

        List<WorkflowSummary> completed = eventually(
                        () -> monitor.list(new WorkflowFilter("WaitingWorkflow", "Completed", prefix)),
                        List.of(finished))
                .rows();
        WorkflowPage open =
                eventually(() -> monitor.list(new WorkflowFilter(null, "Running", prefix)), List.of(running));

        assertThat(open.visibility()).isEqualTo(WorkflowPage.Visibility.ADVANCED);
        assertThat(completed).extracting(WorkflowSummary::workflowId).containsExactly(finished);
        assertThat(open.rows()).extracting(WorkflowSummary::workflowId).containsExactly(running);
    }

    @Test
    void the_view_shows_a_workflow_with_its_history_and_says_filters_run_on_the_server() {
        String prefix = "view-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        String id = start(prefix);
        KaribuSpring.openAs(context, "support", Role.SUPPORT);
        eventually(() -> monitor.list(new WorkflowFilter(null, null, prefix)), List.of(id));
        UI.getCurrent().navigate("workflows");

        _setValue(_get(TextField.class, spec -> spec.withId("workflow-id-filter")), prefix);

        @SuppressWarnings("unchecked")
        Grid<WorkflowSummary> grid = _get(Grid.class, spec -> spec.withId("workflow-grid"));
        assertThat(GridKt._size(grid)).isEqualTo(1);
        assertThat(GridKt._get(grid, 0).workflowId()).isEqualTo(id);
        assertThat(_get(Span.class, spec -> spec.withId("visibility-note")).getText())
                .contains("visibility queries");
        UI.getCurrent().navigate("workflows/" + id);
        assertThat(_get(Span.class, spec -> spec.withId("workflow-status")).getText())
                .isEqualTo("Running");
    }

    /** Visibility is eventually consistent on a real server: changes show up within a moment. */
    private static WorkflowPage eventually(Supplier<WorkflowPage> query, List<String> expectedIds) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        WorkflowPage page = query.get();
        while (!ids(page).equals(expectedIds) && Instant.now().isBefore(deadline)) {
            sleep();
            page = query.get();
        }
        return page;
    }

    private static List<String> ids(WorkflowPage page) {
        return page.rows().stream().map(WorkflowSummary::workflowId).toList();
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
