package com.flash.backoffice.portal.notice;

import com.flash.backoffice.db.notice.FinanceNoticeRepository;
import com.flash.backoffice.portal.mail.MailProperties;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Once the application is ready (where workers run), mails new finance notices every few seconds through the
 * application's SMTP server. Without a finance address or an SMTP server it mails nothing and says so once.
 */
@Component
class FinanceNoticeMailScheduler implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(FinanceNoticeMailScheduler.class);

    private final FinanceNoticeMailer mailer;
    private final boolean enabled;
    private ScheduledExecutorService executor;

    FinanceNoticeMailScheduler(
            FinanceNoticeRepository notices,
            ObjectProvider<JavaMailSender> senders,
            MailProperties mail,
            FinanceNoticeProperties properties,
            @Value("${flash.workers.enabled:true}") boolean workers) {
        JavaMailSender sender = senders.getIfAvailable();
        boolean canMail = sender != null && mail.smtpConfigured() && properties.mailConfigured();
        this.mailer = canMail
                ? new FinanceNoticeMailer(notices, sender, mail.sender(), properties.mailTo(), Clock.systemUTC())
                : null;
        this.enabled = workers && canMail;
        if (workers && !canMail) {
            LOG.warn("Finance notices are not mailed (set FLASH_FINANCE_EMAIL and FLASH_SMTP_HOST): dashboard only");
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    synchronized void start() {
        if (!enabled || executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("finance-notice-mail").daemon().factory());
        executor.scheduleWithFixedDelay(this::mail, 5, 5, TimeUnit.SECONDS);
    }

    private void mail() {
        try {
            mailer.mailPending();
        } catch (RuntimeException e) {
            LOG.warn("mailing finance notices failed; retrying in 5 seconds", e);
        }
    }

    @Override
    public synchronized void destroy() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
