package com.flash.backoffice.portal.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * A plain-text e-mail over the configured SMTP server with a stable Message-ID (a retried send is recognisably the
 * same message), or to the log in development, which says so.
 */
@Component
public class PlainMail {

    private static final Logger log = LoggerFactory.getLogger(PlainMail.class);

    private final JavaMailSender sender;
    private final MailProperties properties;

    @org.springframework.beans.factory.annotation.Autowired
    PlainMail(ObjectProvider<JavaMailSender> senders, MailProperties properties) {
        this(senders.getIfAvailable(), properties);
    }

    /** {@code sender} null, or no SMTP host configured: mails go to the log. */
    public PlainMail(JavaMailSender sender, MailProperties properties) {
        this.sender = sender != null && properties.smtpConfigured() ? sender : null;
        this.properties = properties;
    }

    /** @param what what the mail is about, for the log line when no SMTP server is configured */
    public void send(String what, String to, String subject, String text, String messageId) {
        if (sender == null) {
            log.info("No SMTP server configured: {} e-mail to {} not sent: {} / {}", what, to, subject, text);
            return;
        }
        MimeMessage mime = sender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(mime, false, StandardCharsets.UTF_8.name());
            helper.setFrom(properties.sender());
            helper.setTo(to);
            helper.setSubject(subject);
            helper.setText(text);
            mime.setHeader("Message-ID", messageId);
        } catch (MessagingException e) {
            throw new MailPreparationException("cannot prepare the " + what + " e-mail to " + to, e);
        }
        sender.send(mime);
    }
}
