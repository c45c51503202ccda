package com.flash.backoffice.portal.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.audit.AuditEntry;
import com.flash.backoffice.db.audit.AuditLogRepository;
import com.flash.backoffice.db.audit.AuditQuery;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.report.NewReportExport;
import com.flash.backoffice.db.report.ReportExport;
import com.flash.backoffice.db.report.ReportExportRepository;
import com.flash.backoffice.db.report.ReportExportStatus;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import com.flash.backoffice.portal.testsupport.TestServers;
import com.flash.backoffice.reports.LedgerReports;
import com.flash.backoffice.workflows.report.ReportExportActivities;
import com.flash.backoffice.workflows.report.ReportExportOutcome;
import com.flash.backoffice.workflows.report.ReportExportRequest;
import com.flash.backoffice.workflows.report.ReportExportWorker;
import com.flash.backoffice.workflows.report.ReportExportWorkflow;
import com.flash.backoffice.workflows.report.ReportExportWorkflows;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The export workflow on Temporal's test environment with the portal's real activities, writing real files from
 * the real MariaDB: completion, a retry after the worker died, a crash mid-file and a failure.
 */
@PortalSpringTest
class ReportExportWorkflowIT {

    static final Instant FROM = Instant.parse("2026-05-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-06-01T00:00:00Z");

    @Autowired
    ReportExportActivities activities;

    @Autowired
    ReportExportRepository exports;

    @Autowired
    MerchantRepository merchants;

    @Autowired
    LedgerRepository ledger;

    @Autowired
    AuditLogRepository auditLog;

    TestWorkflowEnvironment environment;

    @AfterEach
    void stop() {
        if (environment != null) {
            environment.close();
        }
    }

    private WorkflowClient start(ReportExportActivities registered) {
        environment = TestWorkflowEnvironment.newInstance();
        Worker worker = environment.newWorker(ReportExportWorkflow.TASK_QUEUE);
        ReportExportWorker.register(worker, registered);
        environment.start();
        return environment.getWorkflowClient();
    }

    private static ReportExportOutcome run(WorkflowClient client, String exportId) {
        ReportExportWorkflow workflow =
                client.newWorkflowStub(ReportExportWorkflow.class, ReportExportWorkflows.options(exportId));
        return workflow.run(new ReportExportRequest(exportId));
    }

    private ReportExport statementExport(Merchant merchant) {
        return exports.create(
                new NewReportExport(LedgerReports.MERCHANT_STATEMENT, FROM, TO, merchant.id(), "CSV", "accountant"));
    }

    private static List<Path> filesOf(String exportId) throws IOException {
        try (Stream<Path> files = Files.list(TestServers.reportsDirectory())) {
            return files.filter(file -> file.getFileName().toString().startsWith(exportId))
                    .toList();
        }
    }

    private List<AuditEntry> audits(String action, String exportId) {
        return auditLog.find(new AuditQuery(null, action, null, null, 0, 1000)).stream()
                .filter(entry -> entry.afterJson() != null && entry.afterJson().contains(exportId))
                .toList();
    }

    @Test
    void an_export_writes_one_file_records_its_rows_and_bytes_and_audits_the_completion() throws IOException {
        Merchant merchant = LedgerSeed.merchantWithSettlements(merchants, ledger, 7, FROM.plusSeconds(3600));
        ReportExport export = statementExport(merchant);

        ReportExportOutcome outcome = run(start(activities), export.id());

        assertThat(outcome.status()).isEqualTo(ReportExportStatus.DONE);
        assertThat(outcome.rows()).isEqualTo(7);
        ReportExport done = exports.findById(export.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(ReportExportStatus.DONE);
        assertThat(done.rowsExpected()).isEqualTo(7);
        assertThat(done.rowsWritten()).isEqualTo(7);
        assertThat(done.progress()).isEqualTo(1.0);
        assertThat(done.finishedAt()).isNotNull();
        assertThat(filesOf(export.id()))
                .containsExactly(TestServers.reportsDirectory().resolve(done.fileName()));
        byte[] csv = Files.readAllBytes(TestServers.reportsDirectory().resolve(done.fileName()));
        assertThat(done.bytes()).isEqualTo(csv.length);
        assertThat(LedgerSeed.statementRows(csv)).hasSize(7);
        List<AuditEntry> completed = audits(ExportAudit.ACTION_COMPLETED, export.id());
        assertThat(completed).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("accountant");
            assertThat(entry.afterJson())
                    .contains("\"rows\":7", "\"format\":\"CSV\"", merchant.id(), "2026-05-01T00:00:00Z");
        });
    }

    /** The activity finished its work but the worker died before Temporal heard of it: Temporal runs it again. */
    @Test
    void a_retried_export_after_a_lost_completion_keeps_one_file_one_row_and_one_audit_entry() throws IOException {
        Merchant merchant = LedgerSeed.merchantWithSettlements(merchants, ledger, 3, FROM.plusSeconds(60));
        ReportExport export = statementExport(merchant);
        AtomicInteger attempts = new AtomicInteger();
        ReportExportActivities losingTheFirstAnswer = new ReportExportActivities() {
            @Override
            public ReportExportOutcome export(String exportId) {
                ReportExportOutcome outcome = activities.export(exportId);
                if (attempts.incrementAndGet() == 1) {
                    throw new IllegalStateException("worker lost after writing the file");
                }
                return outcome;
            }

            @Override
            public ReportExportOutcome fail(String exportId, String error) {
                return activities.fail(exportId, error);
            }
        };

        ReportExportOutcome outcome = run(start(losingTheFirstAnswer), export.id());

        assertThat(attempts).hasValue(2);
        assertThat(outcome.status()).isEqualTo(ReportExportStatus.DONE);
        assertThat(outcome.rows()).isEqualTo(3);
        assertThat(filesOf(export.id())).hasSize(1);
        assertThat(audits(ExportAudit.ACTION_COMPLETED, export.id())).hasSize(1);
        assertThat(exports.findById(export.id()).orElseThrow().rowsWritten()).isEqualTo(3);
    }

    /** An earlier attempt died halfway: its partial file and progress are replaced, not added to. */
    @Test
    void an_export_interrupted_mid_file_is_rewritten_into_the_same_single_file() throws IOException {
        Merchant merchant = LedgerSeed.merchantWithSettlements(merchants, ledger, 4, FROM.plusSeconds(60));
        ReportExport export = statementExport(merchant);
        exports.start(export.id(), 4);
        exports.progress(export.id(), 2);
        Files.writeString(TestServers.reportsDirectory().resolve(export.id() + ".csv.1.part"), "Report,half");

        ReportExportOutcome outcome = run(start(activities), export.id());

        assertThat(outcome.status()).isEqualTo(ReportExportStatus.DONE);
        assertThat(filesOf(export.id()))
                .singleElement()
                .satisfies(file -> assertThat(file.getFileName().toString()).isEqualTo(export.id() + ".csv"));
        byte[] csv = Files.readAllBytes(filesOf(export.id()).getFirst());
        assertThat(LedgerSeed.statementRows(csv)).hasSize(4);
        assertThat(exports.findById(export.id()).orElseThrow().rowsWritten()).isEqualTo(4);
    }

    @Test
    void an_export_that_cannot_run_is_recorded_failed_and_audited_once() throws IOException {
        ReportExport export = exports.create(new NewReportExport("no-such-report", FROM, TO, null, "CSV", "finance"));

        ReportExportOutcome outcome = run(start(activities), export.id());

        assertThat(outcome.status()).isEqualTo(ReportExportStatus.FAILED);
        ReportExport failed = exports.findById(export.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(ReportExportStatus.FAILED);
        assertThat(failed.error()).contains("no-such-report");
        assertThat(filesOf(export.id())).isEmpty();
        assertThat(audits(ExportAudit.ACTION_FAILED, export.id()))
                .singleElement()
                .satisfies(entry -> assertThat(entry.actor()).isEqualTo("finance"));
        assertThat(activities.fail(export.id(), "again").status()).isEqualTo(ReportExportStatus.FAILED);
        assertThat(audits(ExportAudit.ACTION_FAILED, export.id())).hasSize(1);
    }
}
