package com.flash.backoffice.db.notice;

import static com.flash.backoffice.db.jooq.Tables.FINANCE_NOTICE;

import com.flash.backoffice.db.jooq.enums.FinanceNoticeKind;
import com.flash.backoffice.db.jooq.tables.records.FinanceNoticeRecord;
import com.flash.backoffice.db.support.UtcTimestamps;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/**
 * Notices for finance. Recording is idempotent by notice key (the activity that records one may run twice); the
 * rows not mailed yet are the mailer's outbox.
 */
@Repository
public class FinanceNoticeRepository {

    private final DSLContext ctx;

    public FinanceNoticeRepository(DSLContext ctx) {
        this.ctx = ctx;
    }

    /** Stores the notice unless its key exists; returns the stored row either way. */
    public FinanceNotice record(NewFinanceNotice notice) {
        ctx.insertInto(FINANCE_NOTICE)
                .set(FINANCE_NOTICE.NOTICE_KEY, notice.noticeKey())
                .set(
                        FINANCE_NOTICE.KIND,
                        FinanceNoticeKind.valueOf(notice.kind().name()))
                .set(FINANCE_NOTICE.INVOICE_ID, notice.invoiceId())
                .set(FINANCE_NOTICE.MERCHANT_ID, notice.merchantId())
                .set(FINANCE_NOTICE.AMOUNT_MSAT, notice.amountMsat())
                .set(FINANCE_NOTICE.MESSAGE, notice.message())
                .set(FINANCE_NOTICE.CREATED_AT, UtcTimestamps.toDb(notice.createdAt()))
                .onDuplicateKeyIgnore()
                .execute();
        return findByKey(notice.noticeKey()).orElseThrow();
    }

    public Optional<FinanceNotice> findByKey(String noticeKey) {
        return ctx.selectFrom(FINANCE_NOTICE)
                .where(FINANCE_NOTICE.NOTICE_KEY.eq(noticeKey))
                .fetchOptional(FinanceNoticeRepository::toNotice);
    }

    public List<FinanceNotice> findByInvoice(String invoiceId) {
        return ctx.selectFrom(FINANCE_NOTICE)
                .where(FINANCE_NOTICE.INVOICE_ID.eq(invoiceId))
                .orderBy(FINANCE_NOTICE.ID)
                .fetch(FinanceNoticeRepository::toNotice);
    }

    /** Newest first. */
    public List<FinanceNotice> findRecent(int limit) {
        return ctx.selectFrom(FINANCE_NOTICE)
                .orderBy(FINANCE_NOTICE.CREATED_AT.desc(), FINANCE_NOTICE.ID.desc())
                .limit(limit)
                .fetch(FinanceNoticeRepository::toNotice);
    }

    /** Oldest first: the notices the finance address has not been mailed yet. */
    public List<FinanceNotice> findNotMailed(int limit) {
        return ctx.selectFrom(FINANCE_NOTICE)
                .where(FINANCE_NOTICE.MAILED_AT.isNull())
                .orderBy(FINANCE_NOTICE.ID)
                .limit(limit)
                .fetch(FinanceNoticeRepository::toNotice);
    }

    /** True when this call marked it (false: already marked by another mailer). */
    public boolean markMailed(long id, Instant at) {
        return ctx.update(FINANCE_NOTICE)
                        .set(FINANCE_NOTICE.MAILED_AT, UtcTimestamps.toDb(at))
                        .where(FINANCE_NOTICE.ID.eq(id))
                        .and(FINANCE_NOTICE.MAILED_AT.isNull())
                        .execute()
                == 1;
    }

    private static FinanceNotice toNotice(FinanceNoticeRecord row) {
        return new FinanceNotice(
                row.getId(),
                row.getNoticeKey(),
                NoticeKind.valueOf(row.getKind().name()),
                row.getInvoiceId(),
                row.getMerchantId(),
                row.getAmountMsat(),
                row.getMessage(),
                UtcTimestamps.fromDb(row.getCreatedAt()),
                row.getMailedAt() == null ? null : UtcTimestamps.fromDb(row.getMailedAt()));
    }
}
