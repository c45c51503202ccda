package com.flash.backoffice.db.rate;

import static com.flash.backoffice.db.jooq.Tables.RATE_SOURCE_STATUS;

import com.flash.backoffice.db.support.UtcTimestamps;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Repository;

/** One row per currency and source, updated after every fetch. */
@Repository
public class RateSourceStatusRepository {

    private static final int MAX_ERROR_LENGTH = 500;

    private final DSLContext ctx;

    public RateSourceStatusRepository(DSLContext ctx) {
        this.ctx = ctx;
    }

    public void succeeded(String currency, String source, BigDecimal value, Instant at) {
        var when = UtcTimestamps.toDb(at);
        ctx.insertInto(RATE_SOURCE_STATUS)
                .set(RATE_SOURCE_STATUS.CURRENCY, currency)
                .set(RATE_SOURCE_STATUS.SOURCE, source)
                .set(RATE_SOURCE_STATUS.LAST_VALUE, value)
                .set(RATE_SOURCE_STATUS.LAST_SUCCESS_AT, when)
                .onDuplicateKeyUpdate()
                .set(RATE_SOURCE_STATUS.LAST_VALUE, value)
                .set(RATE_SOURCE_STATUS.LAST_SUCCESS_AT, when)
                .set(RATE_SOURCE_STATUS.CONSECUTIVE_FAILURES, 0)
                .execute();
    }

    public void failed(String currency, String source, String error, Instant at) {
        var when = UtcTimestamps.toDb(at);
        String message = error == null || error.isBlank() ? "unknown error" : error;
        if (message.length() > MAX_ERROR_LENGTH) {
            message = message.substring(0, MAX_ERROR_LENGTH - 1) + "…";
        }
        ctx.insertInto(RATE_SOURCE_STATUS)
                .set(RATE_SOURCE_STATUS.CURRENCY, currency)
                .set(RATE_SOURCE_STATUS.SOURCE, source)
                .set(RATE_SOURCE_STATUS.LAST_FAILURE_AT, when)
                .set(RATE_SOURCE_STATUS.LAST_ERROR, message)
                .set(RATE_SOURCE_STATUS.FAILURE_COUNT, 1L)
                .set(RATE_SOURCE_STATUS.CONSECUTIVE_FAILURES, 1)
                .onDuplicateKeyUpdate()
                .set(RATE_SOURCE_STATUS.LAST_FAILURE_AT, when)
                .set(RATE_SOURCE_STATUS.LAST_ERROR, message)
                .set(RATE_SOURCE_STATUS.FAILURE_COUNT, RATE_SOURCE_STATUS.FAILURE_COUNT.plus(1))
                .set(RATE_SOURCE_STATUS.CONSECUTIVE_FAILURES, RATE_SOURCE_STATUS.CONSECUTIVE_FAILURES.plus(1))
                .execute();
    }

    /** Every source of every currency, by currency then source. */
    public List<RateSourceStatus> all() {
        return ctx.selectFrom(RATE_SOURCE_STATUS)
                .orderBy(RATE_SOURCE_STATUS.CURRENCY, RATE_SOURCE_STATUS.SOURCE)
                .fetch(RateSourceStatusRepository::toStatus);
    }

    public List<RateSourceStatus> forCurrency(String currency) {
        return ctx.selectFrom(RATE_SOURCE_STATUS)
                .where(RATE_SOURCE_STATUS.CURRENCY.eq(currency))
                .orderBy(RATE_SOURCE_STATUS.SOURCE)
                .fetch(RateSourceStatusRepository::toStatus);
    }

    private static RateSourceStatus toStatus(Record row) {
        return new RateSourceStatus(
                row.get(RATE_SOURCE_STATUS.CURRENCY),
                row.get(RATE_SOURCE_STATUS.SOURCE),
                row.get(RATE_SOURCE_STATUS.LAST_VALUE),
                UtcTimestamps.fromDb(row.get(RATE_SOURCE_STATUS.LAST_SUCCESS_AT)),
                UtcTimestamps.fromDb(row.get(RATE_SOURCE_STATUS.LAST_FAILURE_AT)),
                row.get(RATE_SOURCE_STATUS.LAST_ERROR),
                row.get(RATE_SOURCE_STATUS.FAILURE_COUNT),
                row.get(RATE_SOURCE_STATUS.CONSECUTIVE_FAILURES));
    }
}
