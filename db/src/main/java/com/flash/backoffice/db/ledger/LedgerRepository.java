package com.flash.backoffice.db.ledger;

import static com.flash.backoffice.db.jooq.Tables.LEDGER_ACCOUNT;
import static com.flash.backoffice.db.jooq.Tables.LEDGER_ENTRY;
import static com.flash.backoffice.db.jooq.Tables.LEDGER_LINE;

import com.flash.backoffice.db.jooq.enums.LedgerAccountType;
import com.flash.backoffice.db.jooq.enums.LedgerLineSide;
import com.flash.backoffice.db.jooq.tables.records.LedgerAccountRecord;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.support.SqlErrors;
import com.flash.backoffice.db.support.UtcTimestamps;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record3;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * The double-entry ledger. The database itself refuses unbalanced, changed or deleted history (see
 * V003__ledger_rules.sql); this class writes entries in one transaction and reads balances of posted entries.
 */
@Repository
public class LedgerRepository {

    private static final Field<BigDecimal> DEBITS =
            DSL.sum(DSL.when(LEDGER_LINE.SIDE.eq(LedgerLineSide.DEBIT), LEDGER_LINE.AMOUNT_MSAT)
                    .else_(0L));
    private static final Field<BigDecimal> CREDITS =
            DSL.sum(DSL.when(LEDGER_LINE.SIDE.eq(LedgerLineSide.CREDIT), LEDGER_LINE.AMOUNT_MSAT)
                    .else_(0L));

    private final DSLContext ctx;

    public LedgerRepository(DSLContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Writes the entry and its lines and marks it posted, all in one transaction. A source key that was
     * posted before returns {@link PostingResult#ALREADY_POSTED} without writing; an entry the database
     * refuses throws {@link UnbalancedEntryException} and leaves nothing behind.
     */
    public PostingResult post(JournalEntry entry) {
        return ctx.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            Optional<Long> entryId = insertUnpostedEntry(tx, entry);
            if (entryId.isEmpty()) {
                return alreadyPosted(tx, entry.sourceKey());
            }
            insertLines(tx, entryId.get(), entry.lines());
            markPosted(tx, entryId.get(), entry.sourceKey());
            return PostingResult.POSTED;
        });
    }

    /** Empty when the source key exists: a concurrent poster of the same key waits here for the first one. */
    private static Optional<Long> insertUnpostedEntry(DSLContext tx, JournalEntry entry) {
        try {
            return Optional.of(tx.insertInto(LEDGER_ENTRY)
                    .set(LEDGER_ENTRY.SOURCE_KEY, entry.sourceKey())
                    .set(LEDGER_ENTRY.DESCRIPTION, entry.description())
                    .set(LEDGER_ENTRY.BOOKED_AT, UtcTimestamps.toDb(entry.bookedAt()))
                    .set(LEDGER_ENTRY.POSTED, false)
                    .set(LEDGER_ENTRY.CREATED_AT, UtcTimestamps.toDb(UtcTimestamps.now()))
                    .returning(LEDGER_ENTRY.ID)
                    .fetchOne(LEDGER_ENTRY.ID));
        } catch (RuntimeException e) { // jOOQ's or, under Spring, its translated DataAccessException
            if (SqlErrors.isDuplicateKey(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static PostingResult alreadyPosted(DSLContext tx, String sourceKey) {
        Boolean posted = tx.select(LEDGER_ENTRY.POSTED)
                .from(LEDGER_ENTRY)
                .where(LEDGER_ENTRY.SOURCE_KEY.eq(sourceKey))
                .fetchOne(LEDGER_ENTRY.POSTED);
        if (!Boolean.TRUE.equals(posted)) {
            throw new IllegalStateException("ledger entry '" + sourceKey + "' exists but was never posted");
        }
        return PostingResult.ALREADY_POSTED;
    }

    private static void insertLines(DSLContext tx, long entryId, List<JournalLine> lines) {
        Map<String, Long> accountIds = accountIdsByCode(tx, lines);
        var insert = tx.insertInto(
                LEDGER_LINE,
                LEDGER_LINE.ENTRY_ID,
                LEDGER_LINE.ACCOUNT_ID,
                LEDGER_LINE.SIDE,
                LEDGER_LINE.AMOUNT_MSAT,
                LEDGER_LINE.FIAT_AMOUNT,
                LEDGER_LINE.FIAT_CURRENCY,
                LEDGER_LINE.LINE_NO);
        for (int i = 0; i < lines.size(); i++) {
            JournalLine line = lines.get(i);
            insert = insert.values(
                    entryId,
                    accountIds.get(line.accountCode()),
                    LedgerLineSide.valueOf(line.side().name()),
                    line.amount().msat(),
                    line.fiatAmount(),
                    line.fiatCurrency(),
                    i + 1);
        }
        if (!lines.isEmpty()) {
            insert.execute();
        }
    }

    private static Map<String, Long> accountIdsByCode(DSLContext tx, List<JournalLine> lines) {
        Set<String> codes = lines.stream().map(JournalLine::accountCode).collect(Collectors.toSet());
        Map<String, Long> ids = tx.select(LEDGER_ACCOUNT.CODE, LEDGER_ACCOUNT.ID)
                .from(LEDGER_ACCOUNT)
                .where(LEDGER_ACCOUNT.CODE.in(codes))
                .fetchMap(LEDGER_ACCOUNT.CODE, LEDGER_ACCOUNT.ID);
        Set<String> unknown = new TreeSet<>(codes);
        unknown.removeAll(ids.keySet());
        if (!unknown.isEmpty()) {
            throw new UnknownAccountException(unknown);
        }
        return ids;
    }

    private static void markPosted(DSLContext tx, long entryId, String sourceKey) {
        try {
            tx.update(LEDGER_ENTRY)
                    .set(LEDGER_ENTRY.POSTED, true)
                    .where(LEDGER_ENTRY.ID.eq(entryId))
                    .execute();
        } catch (RuntimeException e) { // jOOQ's or, under Spring, its translated DataAccessException
            throw SqlErrors.signalledMessage(e)
                    .<RuntimeException>map(message -> new UnbalancedEntryException(sourceKey, message, e))
                    .orElse(e);
        }
    }

    /** One row per account type (all five, zero when unused), from posted entries only. */
    public List<AccountTypeBalance> balancesByAccountType() {
        Map<AccountType, AccountTypeBalance> byType = new EnumMap<>(AccountType.class);
        for (AccountType type : AccountType.values()) {
            byType.put(type, AccountTypeBalance.of(type, Msat.ZERO, Msat.ZERO));
        }
        ctx.select(LEDGER_ACCOUNT.TYPE, DEBITS, CREDITS)
                .from(LEDGER_LINE)
                .join(LEDGER_ENTRY)
                .on(LEDGER_ENTRY.ID.eq(LEDGER_LINE.ENTRY_ID))
                .join(LEDGER_ACCOUNT)
                .on(LEDGER_ACCOUNT.ID.eq(LEDGER_LINE.ACCOUNT_ID))
                .where(LEDGER_ENTRY.POSTED.isTrue())
                .groupBy(LEDGER_ACCOUNT.TYPE)
                .forEach(row -> {
                    AccountType type = accountType(row.value1());
                    byType.put(type, AccountTypeBalance.of(type, msat(row.value2()), msat(row.value3())));
                });
        return List.copyOf(byType.values());
    }

    /** Empty when no account has this code; zero sums when it has no posted lines. */
    public Optional<AccountBalance> accountBalance(String code) {
        return findAccount(code).map(account -> {
            Record3<LedgerAccountType, BigDecimal, BigDecimal> sums = ctx.select(LEDGER_ACCOUNT.TYPE, DEBITS, CREDITS)
                    .from(LEDGER_LINE)
                    .join(LEDGER_ENTRY)
                    .on(LEDGER_ENTRY.ID.eq(LEDGER_LINE.ENTRY_ID))
                    .join(LEDGER_ACCOUNT)
                    .on(LEDGER_ACCOUNT.ID.eq(LEDGER_LINE.ACCOUNT_ID))
                    .where(postedLinesOf(account.id()))
                    .groupBy(LEDGER_ACCOUNT.TYPE)
                    .fetchOne();
            Msat debits = sums == null ? Msat.ZERO : msat(sums.value2());
            Msat credits = sums == null ? Msat.ZERO : msat(sums.value3());
            return AccountBalance.of(account.code(), account.type(), debits, credits);
        });
    }

    /**
     * The posted debits of the account {@code code} as a scalar subquery (zero while it has none), so a hot path reads
     * its balance in the statement that reads its other figures; {@link #balanceMsat} signs the two sums.
     */
    public static Field<BigDecimal> postedDebits(String code) {
        return postedSum(DEBITS, code);
    }

    /** The posted credits of the account {@code code}, as {@link #postedDebits} is its debits. */
    public static Field<BigDecimal> postedCredits(String code) {
        return postedSum(CREDITS, code);
    }

    /** The balance of an account of {@code type} with those posted sums, signed as {@link AccountBalance} is. */
    public static long balanceMsat(AccountType type, BigDecimal debits, BigDecimal credits) {
        return LedgerBalances.balance(type, msat(debits), msat(credits)).msat();
    }

    private static Field<BigDecimal> postedSum(Field<BigDecimal> sum, String code) {
        return DSL.field(DSL.select(DSL.coalesce(sum, BigDecimal.ZERO))
                .from(LEDGER_LINE)
                .join(LEDGER_ENTRY)
                .on(LEDGER_ENTRY.ID.eq(LEDGER_LINE.ENTRY_ID))
                .join(LEDGER_ACCOUNT)
                .on(LEDGER_ACCOUNT.ID.eq(LEDGER_LINE.ACCOUNT_ID))
                .where(LEDGER_ACCOUNT.CODE.eq(code))
                .and(LEDGER_ENTRY.POSTED.isTrue()));
    }

    /** Every account the merchant owns (its liability, its fees receivable...), with posted sums; by code. */
    public List<AccountBalance> merchantAccountBalances(String merchantId) {
        Map<String, List<Msat>> sums = new java.util.HashMap<>();
        ctx.select(LEDGER_ACCOUNT.CODE, DEBITS, CREDITS)
                .from(LEDGER_LINE)
                .join(LEDGER_ENTRY)
                .on(LEDGER_ENTRY.ID.eq(LEDGER_LINE.ENTRY_ID))
                .join(LEDGER_ACCOUNT)
                .on(LEDGER_ACCOUNT.ID.eq(LEDGER_LINE.ACCOUNT_ID))
                .where(LEDGER_ACCOUNT.MERCHANT_ID.eq(merchantId))
                .and(LEDGER_ENTRY.POSTED.isTrue())
                .groupBy(LEDGER_ACCOUNT.CODE)
                .forEach(row -> sums.put(row.value1(), List.of(msat(row.value2()), msat(row.value3()))));
        return ctx
                .selectFrom(LEDGER_ACCOUNT)
                .where(LEDGER_ACCOUNT.MERCHANT_ID.eq(merchantId))
                .orderBy(LEDGER_ACCOUNT.CODE)
                .fetch(LedgerRepository::toAccount)
                .stream()
                .map(account -> {
                    List<Msat> sum = sums.getOrDefault(account.code(), List.of(Msat.ZERO, Msat.ZERO));
                    return AccountBalance.of(account.code(), account.type(), sum.get(0), sum.get(1));
                })
                .toList();
    }

    /** The merchant's balances ({@link MerchantBalances}); zero for accounts nothing was posted to yet. */
    public MerchantBalances merchantBalances(String merchantId) {
        Map<String, Msat> byCode = new java.util.HashMap<>();
        for (AccountBalance account : merchantAccountBalances(merchantId)) {
            byCode.put(account.code(), account.balanceMsat());
        }
        Msat balance =
                byCode.getOrDefault(ChartOfAccounts.merchantBalance(merchantId).code(), Msat.ZERO);
        Msat reserved =
                byCode.getOrDefault(ChartOfAccounts.payoutsPending(merchantId).code(), Msat.ZERO);
        Msat feesReceivable =
                byCode.getOrDefault(ChartOfAccounts.feesReceivable(merchantId).code(), Msat.ZERO);
        Msat refundsReceivable = byCode.getOrDefault(
                ChartOfAccounts.refundsReceivable(merchantId).code(), Msat.ZERO);
        return new MerchantBalances(balance.plus(reserved), feesReceivable, reserved, refundsReceivable);
    }

    private static Condition postedLinesOf(long accountId) {
        return LEDGER_LINE.ACCOUNT_ID.eq(accountId).and(LEDGER_ENTRY.POSTED.isTrue());
    }

    public List<LedgerAccount> findAccounts() {
        return ctx.selectFrom(LEDGER_ACCOUNT).orderBy(LEDGER_ACCOUNT.CODE).fetch(LedgerRepository::toAccount);
    }

    public Optional<LedgerAccount> findAccount(String code) {
        return ctx.selectFrom(LEDGER_ACCOUNT)
                .where(LEDGER_ACCOUNT.CODE.eq(code))
                .fetchOptional()
                .map(LedgerRepository::toAccount);
    }

    /**
     * Creates the account unless its code exists, in one round trip and without reading it back: for an account whose
     * code and type come from the chart (see {@link ChartOfAccounts}) on a path that runs per payment.
     */
    public void ensureAccount(NewLedgerAccount account) {
        ctx.insertInto(LEDGER_ACCOUNT)
                .set(LEDGER_ACCOUNT.CODE, account.code())
                .set(LEDGER_ACCOUNT.NAME, account.name())
                .set(
                        LEDGER_ACCOUNT.TYPE,
                        LedgerAccountType.valueOf(account.type().name()))
                .set(LEDGER_ACCOUNT.MERCHANT_ID, account.merchantId())
                .set(LEDGER_ACCOUNT.CREATED_AT, UtcTimestamps.toDb(UtcTimestamps.now()))
                // not INSERT IGNORE: that would also turn an unknown merchant (a foreign key) into a warning
                .onDuplicateKeyUpdate()
                .set(LEDGER_ACCOUNT.CODE, LEDGER_ACCOUNT.CODE)
                .execute();
    }

    /**
     * Creates the account unless its code exists, and returns the stored account either way. An existing
     * account of another type is a programming error and throws, rather than silently keeping the old type.
     */
    public LedgerAccount createAccount(NewLedgerAccount account) {
        ensureAccount(account);
        LedgerAccount stored = findAccount(account.code()).orElseThrow();
        if (stored.type() != account.type()) {
            throw new IllegalStateException("ledger account '" + account.code() + "' exists with type " + stored.type()
                    + ", not " + account.type());
        }
        return stored;
    }

    private static LedgerAccount toAccount(LedgerAccountRecord row) {
        return new LedgerAccount(
                row.getId(), row.getCode(), row.getName(), accountType(row.getType()), row.getMerchantId());
    }

    private static AccountType accountType(LedgerAccountType type) {
        return AccountType.valueOf(type.name());
    }

    private static Msat msat(BigDecimal sum) {
        return sum == null ? Msat.ZERO : Msat.ofMsat(sum.longValueExact());
    }
}
