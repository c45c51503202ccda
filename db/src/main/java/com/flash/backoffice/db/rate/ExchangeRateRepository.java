package com.flash.backoffice.db.rate;

import static com.flash.backoffice.db.jooq.Tables.EXCHANGE_RATE;

import com.flash.backoffice.db.support.UtcTimestamps;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Append-only rate history; the current rate of a currency is its newest row. */
@Repository
public class ExchangeRateRepository {

    private final DSLContext ctx;

    public ExchangeRateRepository(DSLContext ctx) {
        this.ctx = ctx;
    }

    /** A rate FINANCE sets by hand, now. */
    public ExchangeRate setManually(String currency, BigDecimal btcPrice, String reason, String setBy) {
        return record(new ExchangeRate(currency, btcPrice, ExchangeRate.MANUAL, reason, setBy, UtcTimestamps.now()));
    }

    /** Appends a rate as given (the fetcher passes its own clock's time). */
    public ExchangeRate record(ExchangeRate rate) {
        Instant at = rate.setAt().truncatedTo(ChronoUnit.MICROS);
        ctx.insertInto(EXCHANGE_RATE)
                .set(EXCHANGE_RATE.CURRENCY, rate.currency())
                .set(EXCHANGE_RATE.BTC_PRICE, rate.btcPrice())
                .set(EXCHANGE_RATE.SOURCE, rate.source())
                .set(EXCHANGE_RATE.REASON, rate.reason())
                .set(EXCHANGE_RATE.SET_BY, rate.setBy())
                .set(EXCHANGE_RATE.SET_AT, UtcTimestamps.toDb(at))
                .execute();
        return new ExchangeRate(rate.currency(), rate.btcPrice(), rate.source(), rate.reason(), rate.setBy(), at);
    }

    public Optional<ExchangeRate> current(String currency) {
        return ctx.selectFrom(EXCHANGE_RATE)
                .where(EXCHANGE_RATE.CURRENCY.eq(currency))
                .orderBy(EXCHANGE_RATE.SET_AT.desc(), EXCHANGE_RATE.ID.desc())
                .limit(1)
                .fetchOptional(ExchangeRateRepository::toRate);
    }

    /** The newest rate of every currency that has one, by currency code. */
    public List<ExchangeRate> currentRates() {
        var newest = DSL.select(DSL.max(EXCHANGE_RATE.ID)).from(EXCHANGE_RATE).groupBy(EXCHANGE_RATE.CURRENCY);
        return ctx.selectFrom(EXCHANGE_RATE)
                .where(EXCHANGE_RATE.ID.in(newest))
                .orderBy(EXCHANGE_RATE.CURRENCY)
                .fetch(ExchangeRateRepository::toRate);
    }

    private static ExchangeRate toRate(Record row) {
        return new ExchangeRate(
                row.get(EXCHANGE_RATE.CURRENCY),
                row.get(EXCHANGE_RATE.BTC_PRICE),
                row.get(EXCHANGE_RATE.SOURCE),
                row.get(EXCHANGE_RATE.REASON),
                row.get(EXCHANGE_RATE.SET_BY),
                UtcTimestamps.fromDb(row.get(EXCHANGE_RATE.SET_AT)));
    }
}
