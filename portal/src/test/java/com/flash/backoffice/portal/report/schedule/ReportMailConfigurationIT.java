package com.flash.backoffice.portal.report.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.portal.mail.MailProperties;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The mail sender chosen from the configuration, against GreenMail on 127.0.0.1. */
class ReportMailConfigurationIT {

    @RegisterExtension
    static final GreenMailExtension greenMail =
            new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    @TempDir
    Path directory;

    @Test
    void with_an_smtp_host_the_report_is_mailed_with_its_attachment() throws Exception {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(greenMail.getSmtp().getPort());
        ReportMailer mailer = new ReportMailConfiguration()
                .reportMailer(provider(sender), new MailProperties("127.0.0.1", "books@flash.test"));

        mailer.send(mail("team@flash.test"));

        assertThat(mailer.delivers()).isTrue();
        assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertThat(received.getFrom()[0].toString()).isEqualTo("books@flash.test");
        assertThat(received.getSubject()).isEqualTo("Flash report: Journal 2025-06-10");
        assertThat(GreenMailUtil.getBody(received)).contains("journal-2025-06-10.csv", "a,b");
    }

    @Test
    void without_an_smtp_host_mails_are_only_logged_and_say_so() throws Exception {
        ReportMailer mailer = new ReportMailConfiguration()
                .reportMailer(provider(new JavaMailSenderImpl()), new MailProperties("", null));

        mailer.send(mail("team@flash.test"));

        assertThat(mailer.delivers()).isFalse();
        assertThat(greenMail.waitForIncomingEmail(500, 1)).isFalse();
    }

    private ReportMail mail(String recipient) throws Exception {
        Path file = Files.writeString(directory.resolve("report.csv"), "a,b\r\n1,2\r\n");
        return new ReportMail(
                "report-schedule.test.1-2",
                List.of(recipient),
                "Flash report: Journal 2025-06-10",
                "attached",
                "journal-2025-06-10.csv",
                "text/csv; charset=UTF-8",
                file);
    }

    private static ObjectProvider<JavaMailSender> provider(JavaMailSender sender) {
        return new StaticListableBeanFactory(Map.of("mailSender", sender)).getBeanProvider(JavaMailSender.class);
    }
}
