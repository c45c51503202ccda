package com.flash.backoffice.db.card;

import static com.flash.backoffice.db.jooq.Tables.CARD;
import static com.flash.backoffice.db.jooq.Tables.CARD_PROGRAMME_MERCHANT;
import static com.flash.backoffice.db.jooq.Tables.CARD_TAP;
import static com.flash.backoffice.db.jooq.Tables.INVOICE;
import static com.flash.backoffice.db.jooq.Tables.LEDGER_ACCOUNT;
import static com.flash.backoffice.db.jooq.Tables.LEDGER_ENTRY;
import static com.flash.backoffice.db.jooq.Tables.LEDGER_LINE;
import static com.flash.backoffice.db.jooq.Tables.MERCHANT;

import com.flash.backoffice.db.jooq.enums.CardTapState;
import com.flash.backoffice.db.jooq.enums.LedgerLineSide;
import com.flash.backoffice.db.jooq.tables.records.CardRecord;
import com.flash.backoffice.db.jooq.tables.records.CardTapRecord;
import com.flash.backoffice.db.ledger.AccountType;
import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.JournalEntry;
import com.flash.backoffice.db.ledger.JournalLine;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.support.UtcTimestamps;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * The money side of a tap. Its callback takes the single-use {@code k1}, checks the card's limits (per tap, and the
 * rolling day with this tap counted; failed taps do not count) and balance, and moves the amount from the card's
 * balance to its in-flight account, all in one transaction under the card's row lock, so two taps of one card never
 * spend the same balance. The payment's end books it out of Flash's node, or returns it to the card.
 */
@Repository
public class CardWithdrawals {

    /** How long a tap's withdrawal offer stays open: wallets call back at once. */
    public static final Duration OFFER_LIFETIME = Duration.ofMinutes(5);

    private static final Duration DAY = Duration.ofHours(24);

    /** The tap log's note on a tap that opened the balance page (and could choose the card's PIN there). */
    static final String BALANCE_PAGE_VIEWED = "Balance page viewed";

    private final DSLContext ctx;

    public CardWithdrawals(DSLContext ctx) {
        this.ctx = ctx;
    }

    /** The card's balance, from the ledger. */
    public long balanceMsat(String cardId) {
        return balance(ctx, cardId);
    }

    /** The newest entries on the card's balance, from the ledger: top-ups in, payments out (and back if unpaid). */
    public List<CardMovement> statement(String cardId, int limit) {
        return ctx.select(LEDGER_ENTRY.BOOKED_AT, LEDGER_ENTRY.DESCRIPTION, LEDGER_LINE.SIDE, LEDGER_LINE.AMOUNT_MSAT)
                .from(LEDGER_LINE)
                .join(LEDGER_ENTRY)
                .on(LEDGER_ENTRY.ID.eq(LEDGER_LINE.ENTRY_ID))
                .join(LEDGER_ACCOUNT)
                .on(LEDGER_ACCOUNT.ID.eq(LEDGER_LINE.ACCOUNT_ID))
                .where(LEDGER_ACCOUNT.CODE.eq(balanceCode(cardId)))
                .orderBy(LEDGER_ENTRY.BOOKED_AT.desc(), LEDGER_ENTRY.ID.desc())
                .limit(limit)
                .fetch(row -> new CardMovement(
                        UtcTimestamps.fromDb(row.value1()),
                        row.value2(),
                        row.value3() == LedgerLineSide.CREDIT ? row.value4() : -row.value4()));
    }

    /**
     * A tap that only opened the card's balance page: its counter is spent (the same URL shows nothing twice) and its
     * k1 can pay nothing.
     */
    public void closeForBalance(long tapId, Instant now) {
        ctx.update(CARD_TAP)
                .set(CARD_TAP.STATE, CardTapState.EXPIRED)
                .set(CARD_TAP.REASON, BALANCE_PAGE_VIEWED)
                .set(CARD_TAP.K1_USED_AT, UtcTimestamps.toDb(now))
                .set(CARD_TAP.UPDATED_AT, UtcTimestamps.toDb(now))
                .where(CARD_TAP.ID.eq(tapId))
                .and(CARD_TAP.STATE.eq(CardTapState.OPEN))
                .execute();
    }

    /** The most the card may pay now: the per-tap limit, what is left of the day's and the balance. */
    public long maxWithdrawableMsat(String cardId, Instant now) {
        var row = ctx.select(
                        CARD.PER_TAP_LIMIT_MSAT,
                        CARD.DAILY_LIMIT_MSAT,
                        spentToday(cardId, now),
                        LedgerRepository.postedDebits(balanceCode(cardId)),
                        LedgerRepository.postedCredits(balanceCode(cardId)))
                .from(CARD)
                .where(CARD.ID.eq(cardId))
                .fetchSingle();
        Spending spending = Spending.of(row.value3(), row.value4(), row.value5());
        long dayLeft = row.value2() - spending.todayMsat();
        return Math.max(0, Math.min(row.value1(), Math.min(dayLeft, spending.balanceMsat())));
    }

    /**
     * Takes {@code k1} and reserves {@code amountMsat} of its card for paying {@code bolt11}, or refuses and writes
     * nothing. The invoice and fee limit are kept with the tap, so its payment can be started again after a crash.
     */
    public WithdrawalStart start(String k1, long amountMsat, String bolt11, long feeLimitMsat, Instant now) {
        return start(k1, amountMsat, bolt11, feeLimitMsat, null, now);
    }

    /**
     * As {@link #start(String, long, String, long, Instant)}; {@code internal} (or null) is the invoice of this system
     * the BOLT11 belongs to. A programme with a merchant allow-list pays only invoices of those merchants.
     */
    public WithdrawalStart start(
            String k1, long amountMsat, String bolt11, long feeLimitMsat, InternalInvoice internal, Instant now) {
        return start(k1, amountMsat, bolt11, feeLimitMsat, internal, null, now);
    }

    /**
     * As {@link #start(String, long, String, long, InternalInvoice, Instant)}, with the {@code pin} the wallet sent (or
     * null): at or above the card's PIN limit the card's PIN must match. A wrong one counts against the card and
     * leaves the k1 open, so the holder may try again while the tap lasts.
     */
    public WithdrawalStart start(
            String k1,
            long amountMsat,
            String bolt11,
            long feeLimitMsat,
            InternalInvoice internal,
            String pin,
            Instant now) {
        return ctx.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            Optional<CardTapRecord> found = tx.selectFrom(CARD_TAP)
                    .where(CARD_TAP.K1.eq(k1))
                    .forUpdate()
                    .fetchOptional();
            if (found.isEmpty() || found.get().getK1UsedAt() != null) {
                return new WithdrawalStart.Refused("Unknown or already used k1");
            }
            CardTapRecord tap = found.get();
            if (UtcTimestamps.fromDb(tap.getCreatedAt()).plus(OFFER_LIFETIME).isBefore(now)) {
                return new WithdrawalStart.Refused("This tap expired: tap the card again");
            }
            CardRecord card = tx.selectFrom(CARD)
                    .where(CARD.ID.eq(tap.getCardId()))
                    .forUpdate()
                    .fetchSingle();
            if (card.getState() != com.flash.backoffice.db.jooq.enums.CardState.ACTIVE) {
                return new WithdrawalStart.Refused(
                        TapRefusal.forState(CardState.valueOf(card.getState().name()))
                                .reason());
            }
            // the invoice's claim first: its check must be this transaction's first plain read (see there)
            Optional<String> refusal = internalPaymentRefusal(tx, internal)
                    .or(() -> allowListRefusal(tx, card, internal))
                    .or(() -> limitRefusal(tx, card, amountMsat, now))
                    .or(() -> pinRefusal(card, amountMsat, pin));
            if (refusal.isPresent()) {
                return new WithdrawalStart.Refused(refusal.get());
            }
            if (needsPin(card, amountMsat)) {
                Optional<WithdrawalStart.WrongPin> wrong = checkPin(tx, card, tap, pin, now);
                if (wrong.isPresent()) {
                    return wrong.get();
                }
            }
            String paymentId = "card-tap-" + tap.getId();
            tx.update(CARD_TAP)
                    .set(CARD_TAP.K1_USED_AT, UtcTimestamps.toDb(now))
                    .set(CARD_TAP.STATE, CardTapState.PAYING)
                    .set(CARD_TAP.AMOUNT_MSAT, amountMsat)
                    .set(CARD_TAP.PAYMENT_ID, paymentId)
                    .set(CARD_TAP.BOLT11, bolt11)
                    .set(CARD_TAP.FEE_LIMIT_MSAT, feeLimitMsat)
                    .set(CARD_TAP.INVOICE_ID, internal == null ? null : internal.invoiceId())
                    .set(CARD_TAP.UPDATED_AT, UtcTimestamps.toDb(now))
                    .where(CARD_TAP.ID.eq(tap.getId()))
                    .execute();
            LedgerRepository ledger = new LedgerRepository(tx);
            ledger.ensureAccount(ChartOfAccounts.cardPending(card.getId()));
            ledger.post(new JournalEntry(
                    paymentId + "-reserve",
                    "Flash card " + card.getId() + " tap " + tap.getId() + " reserved",
                    now,
                    List.of(
                            JournalLine.debit(balanceCode(card.getId()), Msat.ofMsat(amountMsat)),
                            JournalLine.credit(pendingCode(card.getId()), Msat.ofMsat(amountMsat)))));
            return new WithdrawalStart.Started(
                    tap.getId(), card.getId(), paymentId, amountMsat, internal == null ? null : internal.invoiceId());
        });
    }

    /** Taps reserved before {@code before} and still being paid: their payment workflow may never have started. */
    public List<PayingTap> payingSince(Instant before, int limit) {
        return ctx.selectFrom(CARD_TAP)
                .where(CARD_TAP.STATE.eq(CardTapState.PAYING))
                .and(CARD_TAP.K1_USED_AT.lt(UtcTimestamps.toDb(before)))
                .orderBy(CARD_TAP.K1_USED_AT)
                .limit(limit)
                .fetch(row -> new PayingTap(
                        row.getId(),
                        row.getCardId(),
                        row.getPaymentId(),
                        row.getBolt11(),
                        row.getAmountMsat(),
                        row.getFeeLimitMsat(),
                        row.getInvoiceId()));
    }

    /** The tap's payment succeeded: its reservation leaves Flash's Lightning asset, the routing fee is Flash's cost. */
    public void paid(long tapId, long feeMsat, Instant now) {
        ctx.transaction(configuration -> {
            DSLContext tx = configuration.dsl();
            CardTapRecord tap = paying(tx, tapId);
            if (tap == null) {
                return;
            }
            long amount = tap.getAmountMsat();
            List<JournalLine> lines = new java.util.ArrayList<>();
            lines.add(JournalLine.debit(pendingCode(tap.getCardId()), Msat.ofMsat(amount)));
            if (feeMsat > 0) {
                lines.add(JournalLine.debit(ChartOfAccounts.NETWORK_FEES.code(), Msat.ofMsat(feeMsat)));
            }
            lines.add(JournalLine.credit(
                    ChartOfAccounts.LIGHTNING_ASSETS.code(), Msat.ofMsat(Math.addExact(amount, feeMsat))));
            new LedgerRepository(tx)
                    .post(new JournalEntry(
                            tap.getPaymentId() + "-paid",
                            "Flash card " + tap.getCardId() + " tap " + tapId + " paid",
                            now,
                            lines));
            finish(tx, tapId, CardTapState.PAID, feeMsat, null, now);
        });
    }

    /**
     * The tap paid an invoice of this system: the invoice's settlement entry takes the reservation to the merchant
     * (see the invoice's {@code PaymentObserved.internal}), so the tap books nothing itself and has no routing fee.
     */
    public void paidInternally(long tapId, Instant now) {
        ctx.transaction(configuration -> {
            DSLContext tx = configuration.dsl();
            if (paying(tx, tapId) != null) {
                finish(tx, tapId, CardTapState.PAID, 0L, null, now);
            }
        });
    }

    /** The tap's payment failed: the amount goes back to the card and the day's limit does not count it. */
    public void failed(long tapId, String reason, Instant now) {
        ctx.transaction(configuration -> {
            DSLContext tx = configuration.dsl();
            CardTapRecord tap = paying(tx, tapId);
            if (tap == null) {
                return;
            }
            Msat amount = Msat.ofMsat(tap.getAmountMsat());
            new LedgerRepository(tx)
                    .post(new JournalEntry(
                            tap.getPaymentId() + "-released",
                            "Flash card " + tap.getCardId() + " tap " + tapId + " not paid",
                            now,
                            List.of(
                                    JournalLine.debit(pendingCode(tap.getCardId()), amount),
                                    JournalLine.credit(balanceCode(tap.getCardId()), amount))));
            finish(tx, tapId, CardTapState.FAILED, null, reason, now);
        });
    }

    /** Value received for a card over Lightning (its top-up invoice settled): Flash's asset and the card's balance. */
    public void creditFromLightning(String cardId, long amountMsat, String sourceKey, String description, Instant at) {
        LedgerRepository ledger = new LedgerRepository(ctx);
        ledger.createAccount(ChartOfAccounts.cardBalance(cardId));
        ledger.post(new JournalEntry(
                sourceKey,
                description,
                at,
                List.of(
                        JournalLine.debit(ChartOfAccounts.LIGHTNING_ASSETS.code(), Msat.ofMsat(amountMsat)),
                        JournalLine.credit(balanceCode(cardId), Msat.ofMsat(amountMsat)))));
    }

    private static Optional<String> allowListRefusal(DSLContext tx, CardRecord card, InternalInvoice internal) {
        List<String> allowed = tx.select(MERCHANT.NAME)
                .from(CARD_PROGRAMME_MERCHANT)
                .join(MERCHANT)
                .on(MERCHANT.ID.eq(CARD_PROGRAMME_MERCHANT.MERCHANT_ID))
                .where(CARD_PROGRAMME_MERCHANT.PROGRAMME_ID.eq(card.getProgrammeId()))
                .orderBy(MERCHANT.NAME)
                .fetch(MERCHANT.NAME);
        if (allowed.isEmpty()) {
            return Optional.empty();
        }
        boolean listed = internal != null
                && tx.fetchExists(tx.selectOne()
                        .from(CARD_PROGRAMME_MERCHANT)
                        .where(CARD_PROGRAMME_MERCHANT.PROGRAMME_ID.eq(card.getProgrammeId()))
                        .and(CARD_PROGRAMME_MERCHANT.MERCHANT_ID.eq(internal.merchantId())));
        return listed ? Optional.empty() : Optional.of("This card pays only at " + String.join(", ", allowed));
    }

    /**
     * One internal payment per invoice, so an invoice's settlement is funded by one card at most: the invoice's row
     * lock orders two cards tapping the same invoice at once. The check after it is a plain read and the transaction's
     * first (only locking reads come before it), so its snapshot is taken once the lock is held and sees a tap that
     * committed meanwhile. A locking read would do that too, but its gap lock on the taps' invoice index blocks other
     * cards setting their own, different invoices there: concurrent taps at one shop deadlocked.
     */
    private static Optional<String> internalPaymentRefusal(DSLContext tx, InternalInvoice internal) {
        if (internal == null) {
            return Optional.empty();
        }
        tx.select(INVOICE.ID)
                .from(INVOICE)
                .where(INVOICE.ID.eq(internal.invoiceId()))
                .forUpdate()
                .fetch();
        boolean taken = tx.fetchExists(tx.selectOne()
                .from(CARD_TAP)
                .where(CARD_TAP.INVOICE_ID.eq(internal.invoiceId()))
                .and(CARD_TAP.STATE.in(CardTapState.PAYING, CardTapState.PAID)));
        return taken
                ? Optional.of("The invoice " + internal.invoiceId() + " is already being paid by a Flash card")
                : Optional.empty();
    }

    private static Optional<String> limitRefusal(DSLContext tx, CardRecord card, long amountMsat, Instant now) {
        if (amountMsat <= 0) {
            return Optional.of("The invoice needs an amount");
        }
        if (amountMsat > card.getPerTapLimitMsat()) {
            return Optional.of("Above the card's limit of " + sat(card.getPerTapLimitMsat()) + " per payment");
        }
        Spending spending = spending(tx, card.getId(), now);
        long spent = spending.todayMsat();
        if (Math.addExact(spent, amountMsat) > card.getDailyLimitMsat()) {
            return Optional.of("Above the card's daily limit: " + sat(card.getDailyLimitMsat() - spent) + " left of "
                    + sat(card.getDailyLimitMsat()));
        }
        long balance = spending.balanceMsat();
        if (amountMsat > balance) {
            return Optional.of("Not enough balance on the card: " + sat(Math.max(0, balance)));
        }
        return Optional.empty();
    }

    private static boolean needsPin(CardRecord card, long amountMsat) {
        return card.getPinLimitMsat() != null && amountMsat >= card.getPinLimitMsat();
    }

    /** Refusals that cost no try: the card is locked, has no PIN, or the wallet sent none. */
    private static Optional<String> pinRefusal(CardRecord card, long amountMsat, String pin) {
        if (card.getPinFailures() >= CardPins.MAX_FAILURES) {
            return Optional.of("The card is locked after " + CardPins.MAX_FAILURES + " wrong PINs: contact support");
        }
        if (!needsPin(card, amountMsat)) {
            return Optional.empty();
        }
        if (card.getPinHash() == null) {
            return Optional.of("Payments of " + sat(card.getPinLimitMsat())
                    + " or more need a PIN and this card has none: pay less or contact support");
        }
        if (pin == null || pin.isBlank()) {
            return Optional.of("Enter the card's PIN: payments of " + sat(card.getPinLimitMsat()) + " or more need it");
        }
        return Optional.empty();
    }

    /** A matching PIN clears the failures; a wrong one adds one, committed with the refusal. */
    private static Optional<WithdrawalStart.WrongPin> checkPin(
            DSLContext tx, CardRecord card, CardTapRecord tap, String pin, Instant now) {
        if (CardPins.matches(pin.strip(), card.getPinHash())) {
            if (card.getPinFailures() > 0) {
                tx.update(CARD)
                        .set(CARD.PIN_FAILURES, 0)
                        .where(CARD.ID.eq(card.getId()))
                        .execute();
            }
            return Optional.empty();
        }
        int failures = card.getPinFailures() + 1;
        tx.update(CARD)
                .set(CARD.PIN_FAILURES, failures)
                .where(CARD.ID.eq(card.getId()))
                .execute();
        int left = CardPins.MAX_FAILURES - failures;
        tx.update(CARD_TAP)
                .set(CARD_TAP.REASON, "Wrong PIN (" + failures + " of " + CardPins.MAX_FAILURES + ")")
                .set(CARD_TAP.UPDATED_AT, UtcTimestamps.toDb(now))
                .where(CARD_TAP.ID.eq(tap.getId()))
                .execute();
        return Optional.of(new WithdrawalStart.WrongPin(
                card.getId(),
                left > 0
                        ? "Wrong PIN: " + left + (left == 1 ? " try" : " tries") + " left"
                        : "Wrong PIN: the card is locked; contact support",
                left <= 0));
    }

    /** What the card spent in the rolling day and what it holds, read in one statement (a tap waits on both). */
    private record Spending(long todayMsat, long balanceMsat) {

        static Spending of(BigDecimal today, BigDecimal debits, BigDecimal credits) {
            return new Spending(
                    today.longValueExact(), LedgerRepository.balanceMsat(AccountType.LIABILITY, debits, credits));
        }
    }

    private static Spending spending(DSLContext tx, String cardId, Instant now) {
        var row = tx.select(
                        spentToday(cardId, now),
                        LedgerRepository.postedDebits(balanceCode(cardId)),
                        LedgerRepository.postedCredits(balanceCode(cardId)))
                .fetchSingle();
        return Spending.of(row.value1(), row.value2(), row.value3());
    }

    /** Taps being paid or paid in the rolling day before {@code now}; failed and unpaid ones do not count. */
    private static Field<BigDecimal> spentToday(String cardId, Instant now) {
        return DSL.field(DSL.select(DSL.coalesce(DSL.sum(CARD_TAP.AMOUNT_MSAT), BigDecimal.ZERO))
                .from(CARD_TAP)
                .where(CARD_TAP.CARD_ID.eq(cardId))
                .and(CARD_TAP.STATE.in(CardTapState.PAYING, CardTapState.PAID))
                .and(CARD_TAP.K1_USED_AT.gt(UtcTimestamps.toDb(now.minus(DAY)))));
    }

    private static long balance(DSLContext tx, String cardId) {
        return new LedgerRepository(tx)
                .accountBalance(balanceCode(cardId))
                .map(account -> account.balanceMsat().msat())
                .orElse(0L);
    }

    private static CardTapRecord paying(DSLContext tx, long tapId) {
        CardTapRecord tap =
                tx.selectFrom(CARD_TAP).where(CARD_TAP.ID.eq(tapId)).forUpdate().fetchSingle();
        return tap.getState() == CardTapState.PAYING ? tap : null;
    }

    private static void finish(
            DSLContext tx, long tapId, CardTapState state, Long feeMsat, String reason, Instant now) {
        tx.update(CARD_TAP)
                .set(CARD_TAP.STATE, state)
                .set(CARD_TAP.FEE_MSAT, feeMsat)
                .set(CARD_TAP.REASON, reason == null ? null : reason.length() > 300 ? reason.substring(0, 300) : reason)
                .set(CARD_TAP.UPDATED_AT, UtcTimestamps.toDb(now))
                .where(CARD_TAP.ID.eq(tapId))
                .execute();
    }

    private static String balanceCode(String cardId) {
        return ChartOfAccounts.cardBalance(cardId).code();
    }

    private static String pendingCode(String cardId) {
        return ChartOfAccounts.cardPending(cardId).code();
    }

    private static String sat(long msat) {
        return String.format("%,d sat", msat / 1_000);
    }
}
