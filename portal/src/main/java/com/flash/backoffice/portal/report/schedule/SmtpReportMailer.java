package com.flash.backoffice.portal.report.schedule;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.FileSystemResource;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/** One message to all recipients, the report as a MIME attachment. */
final class SmtpReportMailer implements ReportMailer {

    private final JavaMailSender sender;
    private final String from;

    SmtpReportMailer(JavaMailSender sender, String from) {
        this.sender = sender;
        this.from = from;
    }

    @Override
    public void send(ReportMail mail) {
        MimeMessage message = sender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(mail.recipients().toArray(String[]::new));
            helper.setSubject(mail.subject());
            helper.setText(mail.text());
            helper.addAttachment(
                    mail.attachmentName(), new FileSystemResource(mail.attachment()), mail.attachmentContentType());
            // JavaMailSenderImpl keeps a Message-ID set before sending instead of generating a random one
            message.setHeader("Message-ID", messageId(mail));
        } catch (MessagingException e) {
            throw new MailPreparationException("could not build the report mail", e);
        }
        sender.send(message);
    }

    /** {@code <stableId@domain of the sender>}. */
    String messageId(ReportMail mail) {
        String address = from.contains("<") ? from.substring(from.indexOf('<') + 1, from.indexOf('>')) : from;
        String domain = address.contains("@") ? address.substring(address.lastIndexOf('@') + 1) : "flash.invalid";
        return "<" + mail.stableId() + "@" + domain + ">";
    }

    @Override
    public boolean delivers() {
        return true;
    }
}
