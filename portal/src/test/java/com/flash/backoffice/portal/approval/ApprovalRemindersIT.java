package com.flash.backoffice.portal.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.approval.ApprovalRepository;
import com.flash.backoffice.db.testsupport.TestDatabase;
import com.flash.backoffice.workflows.approval.ApprovalActivitiesImpl;
import com.flash.backoffice.workflows.approval.ApprovalKind;
import com.flash.backoffice.workflows.approval.ApprovalOpening;
import com.flash.backoffice.workflows.approval.ApprovalReminder;
import com.flash.backoffice.workflows.approval.ApprovalSubject;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The approval reminder activity mailing through a real SMTP server (GreenMail) from a real MariaDB inbox. */
class ApprovalRemindersIT {

    private static final Instant OPENED = Instant.parse("2026-12-04T08:00:00Z");

    @RegisterExtension
    static final GreenMailExtension greenMail =
            new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    private static TestDatabase database;
    private static ApprovalRepository approvals;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.migrated("approval_reminders_it");
        approvals = new ApprovalRepository(database.dsl());
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void a_waiting_request_is_mailed_to_the_approver_group_once() throws Exception {
        ApprovalSubject subject = subject("payout-remind-1");
        ApprovalActivitiesImpl activities = activities(greenMail.getSmtp().getPort());
        activities.open(opening(subject));

        activities.remind(reminder(subject));
        activities.remind(reminder(subject));

        assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("finance@flash.test");
        assertThat(received[0].getSubject()).contains("payout", "payout-remind-1", "FINANCE");
        assertThat(GreenMailUtil.getBody(received[0])).contains("sam", "0.05000000 BTC", "/approvals");
        assertThat(approvals.find("payout-remind-1").orElseThrow().remindedAt()).isNotNull();
    }

    @Test
    void a_reminder_the_mail_server_refuses_is_not_marked_and_the_retry_mails_it() throws IOException {
        ApprovalSubject subject = subject("payout-remind-2");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        activities(closedPort).open(opening(subject));

        assertThatThrownBy(() -> activities(closedPort).remind(reminder(subject)))
                .isInstanceOf(MailException.class);
        assertThat(approvals.find("payout-remind-2").orElseThrow().remindedAt()).isNull();

        activities(greenMail.getSmtp().getPort()).remind(reminder(subject));
        assertThat(approvals.find("payout-remind-2").orElseThrow().remindedAt()).isNotNull();
    }

    private static ApprovalActivitiesImpl activities(int port) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        return new ApprovalActivitiesImpl(
                database.dsl(), new MailedApprovalReminders(sender, "alerts@flash.test", "finance@flash.test"));
    }

    private static ApprovalSubject subject(String id) {
        return new ApprovalSubject(ApprovalKind.PAYOUT, id, id, null, 5_000_000_000L, "sam", "to bc1q payout");
    }

    private static ApprovalOpening opening(ApprovalSubject subject) {
        return new ApprovalOpening(
                subject, "FINANCE", 0, 1, OPENED, OPENED.plus(Duration.ofHours(4)), OPENED.plus(Duration.ofDays(2)));
    }

    private static ApprovalReminder reminder(ApprovalSubject subject) {
        return new ApprovalReminder(subject, "FINANCE", OPENED, OPENED.plus(Duration.ofDays(2)));
    }
}
