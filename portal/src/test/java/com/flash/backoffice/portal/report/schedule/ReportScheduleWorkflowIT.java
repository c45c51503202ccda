package com.flash.backoffice.portal.report.schedule;

import static com.flash.backoffice.db.ledger.JournalLine.credit;
import static com.flash.backoffice.db.ledger.JournalLine.debit;
import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.audit.AuditEntry;
import com.flash.backoffice.db.audit.AuditLogRepository;
import com.flash.backoffice.db.audit.AuditQuery;
import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.JournalEntry;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.reportschedule.NewReportSchedule;
import com.flash.backoffice.db.reportschedule.ReportSchedule;
import com.flash.backoffice.db.reportschedule.ReportScheduleRepository;
import com.flash.backoffice.db.reportschedule.RunStatus;
import com.flash.backoffice.db.reportschedule.ScheduleFrequency;
import com.flash.backoffice.db.reportschedule.ScheduleRun;
import com.flash.backoffice.db.testsupport.TestDatabase;
import com.flash.backoffice.reports.LedgerReports;
import com.flash.backoffice.reports.export.ReportExporter;
import com.flash.backoffice.reports.export.ReportRegistry;
import com.flash.backoffice.workflows.reportschedule.PeriodRequest;
import com.flash.backoffice.workflows.reportschedule.PeriodResult;
import com.flash.backoffice.workflows.reportschedule.ReportScheduleActivities;
import com.flash.backoffice.workflows.reportschedule.ReportScheduleWorker;
import com.flash.backoffice.workflows.reportschedule.ReportScheduleWorkflow;
import com.flash.backoffice.workflows.reportschedule.ReportScheduleWorkflowImpl;
import com.flash.backoffice.workflows.reportschedule.ReportScheduleWorkflows;
import com.flash.backoffice.workflows.reportschedule.ScheduleEnd;
import com.flash.backoffice.workflows.reportschedule.ScheduleRequest;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import tools.jackson.databind.json.JsonMapper;

/**
 * The schedule workflow with its real activities: the journal exported from MariaDB by the reports module and
 * e-mailed over SMTP to GreenMail, a real mail server on 127.0.0.1. Temporal's time skipping covers the days and
 * months between runs.
 */
class ReportScheduleWorkflowIT {

    private static final Instant START = Instant.parse("2025-06-10T15:00:00Z");

    @RegisterExtension
    static final GreenMailExtension greenMail =
            new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(ReportScheduleWorkflowImpl.class)
            .setInitialTime(START)
            .setDoNotStart(true)
            .build();

    private static TestDatabase database;
    private static DSLContext dsl;
    private static ReportScheduleRepository schedules;
    private static AuditLogRepository auditLog;

    @BeforeAll
    static void seed() {
        database = TestDatabase.migrated("report_schedule_it");
        dsl = database.dsl();
        schedules = new ReportScheduleRepository(dsl);
        auditLog = new AuditLogRepository(dsl);
        LedgerRepository ledger = new LedgerRepository(dsl);
        // daily, UTC: 2025-06-10 is "yesterday" when the first run fires at 2025-06-11T00:00Z
        ledger.post(sale("june-09-late", "2025-06-09T23:59:59.999999Z"));
        ledger.post(sale("june-10-first", "2025-06-10T00:00:00Z"));
        ledger.post(sale("june-10-evening", "2025-06-10T21:30:00Z"));
        ledger.post(sale("june-11-midnight", "2025-06-11T00:00:00Z"));
        // monthly, New York (UTC-4 in October, UTC-5 from 2 November)
        ledger.post(sale("ny-september-last", "2025-10-01T03:59:59Z"));
        ledger.post(sale("ny-october-first", "2025-10-01T04:00:00Z"));
        ledger.post(sale("ny-october-last", "2025-11-01T03:59:59.999999Z"));
        ledger.post(sale("ny-november-first", "2025-11-01T04:00:00Z"));
        ledger.post(sale("ny-november-last", "2025-12-01T04:59:59Z"));
        ledger.post(sale("ny-december-first", "2025-12-01T05:00:00Z"));
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void a_daily_schedule_mails_yesterdays_journal_as_a_csv_attachment_to_each_recipient(
            TestWorkflowEnvironment env, WorkflowClient client) throws Exception {
        startWorker(env, realActivities());
        ReportSchedule schedule = schedule(ScheduleFrequency.DAILY, "UTC", "alice@flash.test", "bob@flash.test");
        ReportScheduleWorkflows.start(client, first(schedule));

        env.sleep(Duration.ofHours(9).plusMinutes(1));

        assertThat(greenMail.waitForIncomingEmail(10_000, 2)).isTrue();
        for (String recipient : List.of("alice@flash.test", "bob@flash.test")) {
            List<MimeMessage> inbox = inbox(recipient);
            assertThat(inbox).as(recipient).hasSize(1);
            MimeMessage mail = inbox.getFirst();
            assertThat(mail.getSubject()).isEqualTo("Flash report: Journal 2025-06-10");
            Attachment csv = attachment(mail);
            assertThat(csv.fileName()).isEqualTo("journal-2025-06-10.csv");
            assertThat(csv.contentType()).startsWith("text/csv");
            assertThat(sourceKeys(csv.records())).containsOnly("june-10-first", "june-10-evening");
        }
        ScheduleRun run = onlyRun(schedule);
        assertThat(run.status()).isEqualTo(RunStatus.SENT);
        assertThat(run.periodFrom()).isEqualTo(Instant.parse("2025-06-10T00:00:00Z"));
        assertThat(run.periodTo()).isEqualTo(Instant.parse("2025-06-11T00:00:00Z"));
        assertThat(run.rows()).isEqualTo(4); // two lines per entry
        assertThat(exportsAudited(schedule)).hasSize(1);
        assertThat(exportsAudited(schedule).getFirst().afterJson()).contains("\"rows\":4", "alice@flash.test");
        ReportScheduleWorkflow next =
                client.newWorkflowStub(ReportScheduleWorkflow.class, ReportScheduleWorkflow.workflowId(schedule.id()));
        assertThat(next.nextRunAtMillis())
                .isEqualTo(Instant.parse("2025-06-12T00:00:00Z").toEpochMilli());
    }

    @Test
    void a_monthly_schedule_in_new_york_covers_local_months_across_the_dst_change(
            TestWorkflowEnvironment env, WorkflowClient client) throws Exception {
        startWorker(env, realActivities());
        env.sleep(Duration.between(START, Instant.parse("2025-10-15T12:00:00Z")));
        ReportSchedule schedule = schedule(ScheduleFrequency.MONTHLY, "America/New_York", "carol@flash.test");
        ReportScheduleWorkflows.start(client, first(schedule));

        env.sleep(Duration.between(Instant.parse("2025-10-15T12:00:00Z"), Instant.parse("2025-12-01T06:00:00Z")));

        assertThat(greenMail.waitForIncomingEmail(10_000, 2)).isTrue();
        List<MimeMessage> inbox = inbox("carol@flash.test");
        assertThat(inbox).hasSize(2);
        Attachment october = attachment(inbox.get(0));
        Attachment november = attachment(inbox.get(1));
        assertThat(october.fileName()).isEqualTo("journal-2025-10.csv");
        assertThat(sourceKeys(october.records())).containsOnly("ny-october-first", "ny-october-last");
        assertThat(november.fileName()).isEqualTo("journal-2025-11.csv");
        assertThat(sourceKeys(november.records())).containsOnly("ny-november-first", "ny-november-last");
        assertThat(schedules.runs(schedule.id()))
                .extracting(ScheduleRun::periodFrom, ScheduleRun::periodTo)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                Instant.parse("2025-10-01T04:00:00Z"), Instant.parse("2025-11-01T04:00:00Z")),
                        org.assertj.core.groups.Tuple.tuple(
                                Instant.parse("2025-11-01T04:00:00Z"), Instant.parse("2025-12-01T05:00:00Z")));
    }

    @Test
    void a_retried_activity_does_not_mail_the_period_twice(TestWorkflowEnvironment env, WorkflowClient client)
            throws Exception {
        LosesFirstCompletion flaky = new LosesFirstCompletion(realActivities());
        startWorker(env, flaky);
        ReportSchedule schedule = schedule(ScheduleFrequency.DAILY, "UTC", "dave@flash.test");
        ReportScheduleWorkflows.start(client, first(schedule));

        env.sleep(Duration.ofHours(10));

        assertThat(flaky.attempts.get()).isEqualTo(2);
        assertThat(greenMail.waitForIncomingEmail(2_000, 2)).isFalse();
        assertThat(inbox("dave@flash.test")).hasSize(1);
        assertThat(onlyRun(schedule).status()).isEqualTo(RunStatus.SENT);
        assertThat(exportsAudited(schedule)).hasSize(1);
    }

    @Test
    void a_mail_sent_by_an_attempt_that_then_failed_is_sent_again_under_the_same_message_id(
            TestWorkflowEnvironment env, WorkflowClient client) throws Exception {
        FailsOnceAfterSending mailer = new FailsOnceAfterSending(new SmtpReportMailer(smtp(), "reports@flash.test"));
        startWorker(env, activities(mailer));
        ReportSchedule schedule = schedule(ScheduleFrequency.DAILY, "UTC", "frank@flash.test");
        ReportScheduleWorkflows.start(client, first(schedule));

        env.sleep(Duration.ofHours(10));

        assertThat(mailer.statusesWhileSending)
                .as("the run is recorded before each send")
                .containsExactly(RunStatus.SENDING, RunStatus.SENDING);
        assertThat(greenMail.waitForIncomingEmail(10_000, 2)).isTrue();
        List<MimeMessage> inbox = inbox("frank@flash.test");
        assertThat(inbox).hasSize(2);
        String messageId = "<report-schedule." + schedule.id() + "."
                + Instant.parse("2025-06-10T00:00:00Z").toEpochMilli() + "-"
                + Instant.parse("2025-06-11T00:00:00Z").toEpochMilli() + "@flash.test>";
        assertThat(inbox).extracting(MimeMessage::getMessageID).containsOnly(messageId);
        assertThat(onlyRun(schedule).status()).isEqualTo(RunStatus.SENT);
        assertThat(exportsAudited(schedule)).hasSize(1);
    }

    /** The SMTP server accepts the first mail, then the attempt fails before it records the run as sent. */
    static final class FailsOnceAfterSending implements ReportMailer {
        final ReportMailer delegate;
        final List<RunStatus> statusesWhileSending = new CopyOnWriteArrayList<>();
        final AtomicInteger sends = new AtomicInteger();

        FailsOnceAfterSending(ReportMailer delegate) {
            this.delegate = delegate;
        }

        @Override
        public void send(ReportMail mail) {
            String scheduleId = mail.stableId().split("\\.")[1];
            statusesWhileSending.add(schedules.runs(scheduleId).getFirst().status());
            delegate.send(mail);
            if (sends.incrementAndGet() == 1) {
                throw new IllegalStateException("the worker lost its database connection after sending");
            }
        }

        @Override
        public boolean delivers() {
            return delegate.delivers();
        }
    }

    @Test
    void cancelling_stops_the_workflow_before_its_next_run(TestWorkflowEnvironment env, WorkflowClient client) {
        startWorker(env, realActivities());
        ReportSchedule schedule = schedule(ScheduleFrequency.DAILY, "UTC", "erin@flash.test");
        ReportScheduleWorkflows.start(client, first(schedule));
        env.sleep(Duration.ofHours(1));

        ReportScheduleWorkflows.cancel(client, schedule.id());

        ScheduleEnd end = client.newUntypedWorkflowStub(ReportScheduleWorkflow.workflowId(schedule.id()))
                .getResult(ScheduleEnd.class);
        assertThat(end).isEqualTo(ScheduleEnd.CANCELLED);
        env.sleep(Duration.ofDays(2));
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(schedules.runs(schedule.id())).isEmpty();
    }

    @Test
    void a_schedule_cancelled_in_the_database_sends_nothing_even_without_the_signal(
            TestWorkflowEnvironment env, WorkflowClient client) {
        startWorker(env, realActivities());
        ReportSchedule schedule = schedule(ScheduleFrequency.WEEKLY, "Europe/Paris", "frank@flash.test");
        ReportScheduleWorkflows.start(client, first(schedule));
        schedules.cancel(schedule.id(), schedule.revision(), "accountant");

        env.sleep(Duration.ofDays(7));

        ScheduleEnd end = client.newUntypedWorkflowStub(ReportScheduleWorkflow.workflowId(schedule.id()))
                .getResult(ScheduleEnd.class);
        assertThat(end).isEqualTo(ScheduleEnd.CANCELLED);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(onlyRun(schedule).status()).isEqualTo(RunStatus.SKIPPED);
    }

    /** The real activity, whose first completion is lost (as when a worker dies after sending). */
    static final class LosesFirstCompletion implements ReportScheduleActivities {

        final AtomicInteger attempts = new AtomicInteger();
        private final ReportScheduleActivities real;

        LosesFirstCompletion(ReportScheduleActivities real) {
            this.real = real;
        }

        @Override
        public PeriodResult sendPeriod(PeriodRequest request) {
            PeriodResult result = real.sendPeriod(request);
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("worker lost before reporting the completion");
            }
            return result;
        }
    }

    private static final ReportRegistry REPORTS = LedgerReports.registry();

    private static ReportScheduleActivities realActivities() {
        return activities(new SmtpReportMailer(smtp(), "reports@flash.test"));
    }

    private static ReportScheduleActivities activities(ReportMailer mailer) {
        return new ScheduledReportActivities(
                dsl, mailer, JsonMapper.builder().build(), REPORTS, new ReportExporter(dsl, REPORTS));
    }

    private static JavaMailSenderImpl smtp() {
        JavaMailSenderImpl smtp = new JavaMailSenderImpl();
        smtp.setHost("127.0.0.1");
        smtp.setPort(greenMail.getSmtp().getPort());
        return smtp;
    }

    private static void startWorker(TestWorkflowEnvironment env, ReportScheduleActivities activities) {
        ReportScheduleWorker.register(env.newWorker(ReportScheduleWorkflow.TASK_QUEUE), activities);
        env.start();
    }

    private static ReportSchedule schedule(ScheduleFrequency frequency, String zone, String... recipients) {
        return schedules.create(new NewReportSchedule(
                LedgerReports.JOURNAL, null, "CSV", frequency, List.of(recipients), zone, "accountant"));
    }

    private static ScheduleRequest first(ReportSchedule schedule) {
        return ScheduleRequest.first(schedule.id(), schedule.frequency(), schedule.timeZone());
    }

    private static ScheduleRun onlyRun(ReportSchedule schedule) {
        List<ScheduleRun> runs = schedules.runs(schedule.id());
        assertThat(runs).hasSize(1);
        return runs.getFirst();
    }

    private static List<AuditEntry> exportsAudited(ReportSchedule schedule) {
        return auditLog
                .find(new AuditQuery(
                        ScheduledReportActivities.AUDIT_ACTOR,
                        ScheduledReportActivities.AUDIT_ACTION,
                        null,
                        null,
                        0,
                        100))
                .stream()
                .filter(entry -> schedule.id().equals(entry.targetId()))
                .toList();
    }

    private static List<MimeMessage> inbox(String recipient) {
        return greenMail
                .findReceivedMessages(user -> user.getEmail().equals(recipient), message -> true)
                .toList();
    }

    record Attachment(String fileName, String contentType, List<CSVRecord> records) {}

    private static Attachment attachment(MimeMessage mail) throws Exception {
        Multipart parts = (Multipart) mail.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                try (InputStream in = part.getInputStream()) {
                    List<CSVRecord> records = CSVFormat.RFC4180
                            .parse(new InputStreamReader(in, StandardCharsets.UTF_8))
                            .getRecords();
                    return new Attachment(part.getFileName(), part.getContentType(), records);
                }
            }
        }
        throw new AssertionError("no attachment in " + mail.getSubject());
    }

    /** The Source column of the journal's line rows (after the "Entry" header row, before the totals). */
    private static List<String> sourceKeys(List<CSVRecord> records) throws IOException {
        List<String> keys = new ArrayList<>();
        boolean inRows = false;
        for (CSVRecord record : records) {
            if (inRows && record.size() > 2 && !record.get(0).equals("Total")) {
                keys.add(record.get(2));
            }
            inRows |= record.get(0).equals("Entry");
        }
        return keys;
    }

    private static JournalEntry sale(String key, String bookedAt) {
        return new JournalEntry(
                key,
                "Sale " + key,
                Instant.parse(bookedAt),
                List.of(
                        debit(ChartOfAccounts.LIGHTNING_ASSETS.code(), Msat.ofMsat(1_000_000))
                                .withFiat(new BigDecimal("0.60"), "USD"),
                        credit(ChartOfAccounts.PROCESSING_FEE_REVENUE.code(), Msat.ofMsat(1_000_000))
                                .withFiat(new BigDecimal("0.60"), "USD")));
    }
}
