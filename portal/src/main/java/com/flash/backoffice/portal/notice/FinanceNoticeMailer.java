package com.flash.backoffice.portal.notice;

import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.notice.FinanceNotice;
import com.flash.backoffice.db.notice.FinanceNoticeRepository;
import java.time.Clock;
import java.util.List;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Mails each notice not mailed yet to the finance address, one message per notice, then marks it mailed. A mail
 * server that refuses leaves the notice for the next run; a crash between sending and marking mails it twice,
 * which for an alert is better than never.
 */
public final class FinanceNoticeMailer {

    private static final int BATCH = 20;

    private final FinanceNoticeRepository notices;
    private final JavaMailSender sender;
    private final String from;
    private final String to;
    private final Clock clock;

    public FinanceNoticeMailer(
            FinanceNoticeRepository notices, JavaMailSender sender, String from, String to, Clock clock) {
        this.notices = notices;
        this.sender = sender;
        this.from = from;
        this.to = to;
        this.clock = clock;
    }

    /** Returns how many notices were mailed. */
    public int mailPending() {
        List<FinanceNotice> pending = notices.findNotMailed(BATCH);
        for (FinanceNotice notice : pending) {
            sender.send(message(notice));
            notices.markMailed(notice.id(), clock.instant());
        }
        return pending.size();
    }

    private SimpleMailMessage message(FinanceNotice notice) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to);
        message.setSubject("Flash finance notice: " + subject(notice));
        message.setText(
                notice.message() + "\n\nRecorded " + notice.createdAt() + " (UTC). Invoice: " + notice.invoiceId()
                        + ". Amount: " + Msat.ofMsat(notice.amountMsat()).toBtcString() + " BTC.");
        return message;
    }

    private static String subject(FinanceNotice notice) {
        return switch (notice.kind()) {
            case SETTLEMENT_DOUBLE_SPENT -> "settlement of invoice " + notice.invoiceId() + " reversed (double spend)";
        };
    }
}
