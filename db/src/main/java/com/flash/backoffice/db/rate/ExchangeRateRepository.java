package com.flash.backoffice.db.rate;

import static com.flash.backoffice.db.jooq.Tables.EXCHANGE_RATE;

import com.flash.backoffice.db.support.UtcTimestamps;
import java.math.BigDecimal;
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

    public ExchangeRate set(String currency, BigDecimal btcPrice, String setBy) {
        var now = UtcTimestamps.now();
        ctx.insertInto(EXCHANGE_RATE)
                .set(EXCHANGE_RATE.CURRENCY, currency)
                .set(EXCHANGE_RATE.BTC_PRICE, btcPrice)
                .set(EXCHANGE_RATE.SET_BY, setBy)
                .set(EXCHANGE_RATE.SET_AT, UtcTimestamps.toDb(now))
                .execute();
        return new ExchangeRate(currency, btcPrice, setBy, now);
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
                row.get(EXCHANGE_RATE.SET_BY),
                UtcTimestamps.fromDb(row.get(EXCHANGE_RATE.SET_AT)));
    }
}
