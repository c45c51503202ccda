package com.flash.backoffice.portal.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.notice.FinanceNotice;
import com.flash.backoffice.db.notice.FinanceNoticeRepository;
import com.flash.backoffice.db.notice.NewFinanceNotice;
import com.flash.backoffice.db.notice.NoticeKind;
import com.flash.backoffice.db.testsupport.TestDatabase;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Finance notices mailed through a real SMTP server (GreenMail on 127.0.0.1) from a real MariaDB outbox. */
class FinanceNoticeMailerIT {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    @RegisterExtension
    static final GreenMailExtension greenMail =
            new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    private static TestDatabase database;
    private static FinanceNoticeRepository notices;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.migrated("finance_notice_mailer_it");
        notices = new FinanceNoticeRepository(database.dsl());
    }

    /** The outbox is shared by the tests: each starts with nothing left to mail. */
    @BeforeEach
    void mailNothingLeftFromOtherTests() {
        notices.findNotMailed(100).forEach(pending -> notices.markMailed(pending.id(), NOW));
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void a_double_spend_notice_is_mailed_to_the_finance_address_once() throws Exception {
        FinanceNotice notice = notices.record(notice("invoice-a-settlement-reversal-2"));
        FinanceNoticeMailer mailer = mailer(greenMail.getSmtp().getPort());

        int mailed = mailer.mailPending();
        int mailedAgain = mailer.mailPending();

        assertThat(mailed).isEqualTo(1);
        assertThat(mailedAgain).isZero();
        assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertThat(received.getAllRecipients()[0].toString()).isEqualTo("finance@flash.test");
        assertThat(received.getFrom()[0].toString()).isEqualTo("alerts@flash.test");
        assertThat(received.getSubject()).contains("reversed", "double spend");
        assertThat(GreenMailUtil.getBody(received)).contains("reversal entry invoice-a-settlement-reversal-2");
        assertThat(notices.findByKey(notice.noticeKey()).orElseThrow().mailedAt())
                .isEqualTo(NOW);
    }

    @Test
    void a_notice_the_mail_server_does_not_take_stays_for_the_next_run() throws IOException {
        FinanceNotice notice = notices.record(notice("invoice-b-settlement-reversal-2"));
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertThatThrownBy(() -> mailer(closedPort).mailPending()).isInstanceOf(MailException.class);

        assertThat(notices.findByKey(notice.noticeKey()).orElseThrow().mailedAt())
                .isNull();
        assertThat(mailer(greenMail.getSmtp().getPort()).mailPending()).isEqualTo(1);
        assertThat(notices.findByKey(notice.noticeKey()).orElseThrow().mailedAt())
                .isNotNull();
    }

    @Test
    void recording_the_same_notice_twice_keeps_one() {
        NewFinanceNotice twice = notice("invoice-c-settlement-reversal-2");

        FinanceNotice first = notices.record(twice);
        FinanceNotice second = notices.record(twice);

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(notices.findRecent(100))
                .filteredOn(n -> n.noticeKey().equals(twice.noticeKey()))
                .hasSize(1);
    }

    private static NewFinanceNotice notice(String key) {
        return new NewFinanceNotice(
                key,
                NoticeKind.SETTLEMENT_DOUBLE_SPENT,
                null,
                null,
                200_000_000L,
                "Invoice a: its settlement was reversed because its payment was double-spent; reversal entry " + key
                        + ".",
                NOW.minusSeconds(60));
    }

    private static FinanceNoticeMailer mailer(int port) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        return new FinanceNoticeMailer(
                notices, sender, "alerts@flash.test", "finance@flash.test", Clock.fixed(NOW, ZoneOffset.UTC));
    }
}
