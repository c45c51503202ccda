package com.flash.backoffice.db.card;

import static com.flash.backoffice.db.jooq.Tables.CARD;
import static com.flash.backoffice.db.jooq.Tables.CARD_TOP_UP;
import static com.flash.backoffice.db.jooq.Tables.CARD_TOP_UP_LINK;

import com.flash.backoffice.db.audit.AuditEvent;
import com.flash.backoffice.db.audit.AuditLogRepository;
import com.flash.backoffice.db.invoice.PaymentMethod;
import com.flash.backoffice.db.jooq.enums.CardTopUpKind;
import com.flash.backoffice.db.jooq.enums.CardTopUpState;
import com.flash.backoffice.db.jooq.tables.records.CardRecord;
import com.flash.backoffice.db.jooq.tables.records.CardTopUpRecord;
import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.JournalEntry;
import com.flash.backoffice.db.ledger.JournalLine;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.ledger.NewLedgerAccount;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.support.RandomIds;
import com.flash.backoffice.db.support.Sha256;
import com.flash.backoffice.db.support.UtcTimestamps;
import com.flash.backoffice.db.suspense.NewSuspenseReceipt;
import com.flash.backoffice.db.suspense.SuspenseKind;
import com.flash.backoffice.db.suspense.SuspenseReceiptRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/**
 * Top-ups of cards, and the only place that credits one. A Lightning top-up is credited once its invoice settles,
 * keyed by the payment hash under the top-up's row lock, so a settlement seen twice (watcher replay, restart)
 * credits once. Value that comes for a card that can no longer hold any goes to its replacement when the card was
 * replaced, otherwise to suspense: it is never lost and never booked twice.
 */
@Repository
public class CardTopUps {

    /** How long the LNURL-pay link of one balance page view takes payments. */
    public static final Duration LINK_LIFETIME = Duration.ofHours(1);

    /** Cards that can take value: a lost or retired one cannot. */
    public static final Set<CardState> CREDITABLE =
            EnumSet.of(CardState.ISSUED, CardState.ACTIVATION_PENDING, CardState.ACTIVE, CardState.FROZEN);

    private final DSLContext ctx;

    public CardTopUps(DSLContext ctx) {
        this.ctx = ctx;
    }

    /** A new LNURL-pay link for the card; returns its token (only its hash is stored). */
    public String openLink(String cardId, Instant now) {
        String token = RandomIds.randomHex(16);
        ctx.insertInto(CARD_TOP_UP_LINK)
                .set(CARD_TOP_UP_LINK.TOKEN_HASH, Sha256.hex(token))
                .set(CARD_TOP_UP_LINK.CARD_ID, cardId)
                .set(CARD_TOP_UP_LINK.CREATED_AT, UtcTimestamps.toDb(now))
                .set(CARD_TOP_UP_LINK.EXPIRES_AT, UtcTimestamps.toDb(now.plus(LINK_LIFETIME)))
                .execute();
        return token;
    }

    /** The link of {@code token} while it is open; empty when unknown or expired. */
    public Optional<TopUpLink> link(String token, Instant now) {
        if (token == null || !token.matches("[0-9a-f]{32}")) {
            return Optional.empty();
        }
        return ctx.select(CARD_TOP_UP_LINK.CARD_ID, CARD.STATE, CARD_TOP_UP_LINK.EXPIRES_AT)
                .from(CARD_TOP_UP_LINK)
                .join(CARD)
                .on(CARD.ID.eq(CARD_TOP_UP_LINK.CARD_ID))
                .where(CARD_TOP_UP_LINK.TOKEN_HASH.eq(Sha256.hex(token)))
                .and(CARD_TOP_UP_LINK.EXPIRES_AT.gt(UtcTimestamps.toDb(now)))
                .fetchOptional(row -> new TopUpLink(
                        row.value1(), CardState.valueOf(row.value2().name()), UtcTimestamps.fromDb(row.value3())));
    }

    /** Stores the invoice a callback created, open until it settles or expires. */
    public CardTopUp recordInvoice(NewLightningTopUp invoice, Instant now) {
        String id = RandomIds.newId();
        ctx.insertInto(CARD_TOP_UP)
                .set(CARD_TOP_UP.ID, id)
                .set(CARD_TOP_UP.CARD_ID, invoice.cardId())
                .set(CARD_TOP_UP.KIND, CardTopUpKind.LIGHTNING)
                .set(CARD_TOP_UP.STATE, CardTopUpState.OPEN)
                .set(CARD_TOP_UP.AMOUNT_MSAT, invoice.amountMsat())
                .set(CARD_TOP_UP.PAYMENT_HASH, invoice.paymentHash())
                .set(CARD_TOP_UP.BOLT11, invoice.bolt11())
                .set(CARD_TOP_UP.NODE_ID, invoice.nodeId())
                .set(CARD_TOP_UP.EXPIRES_AT, UtcTimestamps.toDb(invoice.expiresAt()))
                .set(CARD_TOP_UP.REQUESTED_BY, "lnurl-pay")
                .set(CARD_TOP_UP.CREATED_AT, UtcTimestamps.toDb(now))
                .set(CARD_TOP_UP.UPDATED_AT, UtcTimestamps.toDb(now))
                .execute();
        return find(id).orElseThrow();
    }

    /**
     * Records FINANCE's manual top-up, still open, and its audit entry in one transaction. A retry of the same request
     * (same id) writes nothing more and returns the stored top-up.
     */
    public CardTopUp requestManual(NewManualTopUp request, Instant now) {
        return ctx.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            int inserted = tx.insertInto(CARD_TOP_UP)
                    .set(CARD_TOP_UP.ID, request.id())
                    .set(CARD_TOP_UP.CARD_ID, request.cardId())
                    .set(CARD_TOP_UP.KIND, CardTopUpKind.MANUAL)
                    .set(CARD_TOP_UP.STATE, CardTopUpState.OPEN)
                    .set(CARD_TOP_UP.AMOUNT_MSAT, request.amountMsat())
                    .set(CARD_TOP_UP.REASON, request.reason().strip())
                    .set(CARD_TOP_UP.REQUESTED_BY, request.requestedBy())
                    .set(CARD_TOP_UP.CREATED_AT, UtcTimestamps.toDb(now))
                    .set(CARD_TOP_UP.UPDATED_AT, UtcTimestamps.toDb(now))
                    .onDuplicateKeyIgnore()
                    .execute();
            if (inserted == 1) {
                new AuditLogRepository(tx)
                        .appendOnce(
                                new AuditEvent(
                                        request.requestedBy(),
                                        request.requestedByRoles(),
                                        "card.top-up.request",
                                        "card",
                                        request.cardId(),
                                        null,
                                        "{\"topUp\":\"" + request.id() + "\",\"amountMsat\":" + request.amountMsat()
                                                + "}",
                                        request.reason().strip()),
                                sourceKey(request.id()) + "-requested");
            }
            return tx.selectFrom(CARD_TOP_UP)
                    .where(CARD_TOP_UP.ID.eq(request.id()))
                    .fetchSingle(CardTopUps::toTopUp);
        });
    }

    /**
     * Credits an approved manual top-up once: Dr Flash's manual top-up expense, Cr the card (or its replacement).
     * When no card can take value any more, nothing is booked and the top-up is cancelled.
     */
    public TopUpCredit creditManual(String topUpId, Instant at) {
        return ctx.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            CardTopUpRecord topUp = lockManual(tx, topUpId);
            if (topUp.getState() != CardTopUpState.OPEN) {
                return again(topUp);
            }
            Optional<CardRecord> card = creditableCard(tx, topUp.getCardId());
            if (card.isEmpty()) {
                close(tx, topUp, "Card " + topUp.getCardId() + " is lost or retired: nothing was booked", at);
                return new TopUpCredit(topUp.getId(), TopUpState.CANCELLED, null, 0, false);
            }
            Msat amount = Msat.ofMsat(topUp.getAmountMsat());
            NewLedgerAccount credited = ChartOfAccounts.cardBalance(card.get().getId());
            LedgerRepository ledger = new LedgerRepository(tx);
            ledger.createAccount(credited);
            ledger.post(new JournalEntry(
                    sourceKey(topUp.getId()),
                    "Manual top-up " + topUp.getId() + " requested by " + topUp.getRequestedBy(),
                    at,
                    List.of(
                            JournalLine.debit(ChartOfAccounts.CARD_MANUAL_TOP_UPS.code(), amount),
                            JournalLine.credit(credited.code(), amount))));
            tx.update(CARD_TOP_UP)
                    .set(CARD_TOP_UP.STATE, CardTopUpState.CREDITED)
                    .set(CARD_TOP_UP.CREDITED_MSAT, topUp.getAmountMsat())
                    .set(CARD_TOP_UP.CREDITED_CARD_ID, card.get().getId())
                    .set(CARD_TOP_UP.UPDATED_AT, UtcTimestamps.toDb(at))
                    .where(CARD_TOP_UP.ID.eq(topUp.getId()))
                    .execute();
            return new TopUpCredit(
                    topUp.getId(), TopUpState.CREDITED, card.get().getId(), topUp.getAmountMsat(), false);
        });
    }

    /** Closes an open manual top-up that was not approved; {@code note} says why. Once: a closed one stays. */
    public CardTopUp cancelManual(String topUpId, String note, Instant at) {
        return ctx.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            CardTopUpRecord topUp = lockManual(tx, topUpId);
            if (topUp.getState() == CardTopUpState.OPEN) {
                close(tx, topUp, note, at);
            }
            return tx.selectFrom(CARD_TOP_UP).where(CARD_TOP_UP.ID.eq(topUpId)).fetchSingle(CardTopUps::toTopUp);
        });
    }

    /** The payment hashes of the node's open top-up invoices not yet expired (for the watcher's first reconcile). */
    public List<String> openPaymentHashes(String nodeId, Instant now) {
        return ctx.select(CARD_TOP_UP.PAYMENT_HASH)
                .from(CARD_TOP_UP)
                .where(CARD_TOP_UP.STATE.eq(CardTopUpState.OPEN))
                .and(CARD_TOP_UP.KIND.eq(CardTopUpKind.LIGHTNING))
                .and(CARD_TOP_UP.NODE_ID.eq(nodeId))
                .and(CARD_TOP_UP.EXPIRES_AT.gt(UtcTimestamps.toDb(now)))
                .fetch(CARD_TOP_UP.PAYMENT_HASH);
    }

    /**
     * Credits the top-up whose invoice has {@code paymentHash} with what was paid: Dr Flash's Lightning asset, Cr the
     * card (or its replacement), or Cr suspense when no card can take it. Empty when the hash is no top-up's.
     */
    public Optional<TopUpCredit> creditSettled(String paymentHash, long paidMsat, Instant settledAt) {
        return ctx.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            CardTopUpRecord topUp = tx.selectFrom(CARD_TOP_UP)
                    .where(CARD_TOP_UP.PAYMENT_HASH.eq(paymentHash))
                    .forUpdate()
                    .fetchOne();
            if (topUp == null) {
                return Optional.empty();
            }
            if (topUp.getState() != CardTopUpState.OPEN) {
                return Optional.of(again(topUp));
            }
            Msat paid = Msat.ofMsat(paidMsat);
            Optional<CardRecord> card = creditableCard(tx, topUp.getCardId());
            NewLedgerAccount credited;
            if (card.isPresent()) {
                credited = ChartOfAccounts.cardBalance(card.get().getId());
            } else {
                credited = ChartOfAccounts.UNALLOCATED_RECEIPTS;
                new SuspenseReceiptRepository(tx)
                        .record(new NewSuspenseReceipt(
                                "card-top-up-" + topUp.getId(),
                                SuspenseKind.UNMATCHED,
                                true,
                                null,
                                null,
                                PaymentMethod.BTC_LN,
                                paymentHash,
                                null,
                                paidMsat,
                                sourceKey(topUp.getId()),
                                settledAt));
            }
            LedgerRepository ledger = new LedgerRepository(tx);
            ledger.createAccount(credited);
            ledger.post(new JournalEntry(
                    sourceKey(topUp.getId()),
                    card.isPresent()
                            ? "Top-up over Lightning"
                            : "Top-up over Lightning for card " + topUp.getCardId() + ", which holds no value",
                    settledAt,
                    List.of(
                            JournalLine.debit(ChartOfAccounts.LIGHTNING_ASSETS.code(), paid),
                            JournalLine.credit(credited.code(), paid))));
            CardTopUpState state = card.isPresent() ? CardTopUpState.CREDITED : CardTopUpState.SUSPENSE;
            tx.update(CARD_TOP_UP)
                    .set(CARD_TOP_UP.STATE, state)
                    .set(CARD_TOP_UP.CREDITED_MSAT, paidMsat)
                    .set(
                            CARD_TOP_UP.CREDITED_CARD_ID,
                            card.map(CardRecord::getId).orElse(null))
                    .set(
                            CARD_TOP_UP.NOTE,
                            card.isPresent()
                                    ? null
                                    : "Card " + topUp.getCardId() + " is lost or retired: the payment is in suspense")
                    .set(CARD_TOP_UP.UPDATED_AT, UtcTimestamps.toDb(settledAt))
                    .where(CARD_TOP_UP.ID.eq(topUp.getId()))
                    .execute();
            return Optional.of(new TopUpCredit(
                    topUp.getId(),
                    TopUpState.valueOf(state.name()),
                    card.map(CardRecord::getId).orElse(null),
                    paidMsat,
                    false));
        });
    }

    public Optional<CardTopUp> find(String id) {
        return ctx.selectFrom(CARD_TOP_UP).where(CARD_TOP_UP.ID.eq(id)).fetchOptional(CardTopUps::toTopUp);
    }

    public Optional<CardTopUp> findByPaymentHash(String paymentHash) {
        return ctx.selectFrom(CARD_TOP_UP)
                .where(CARD_TOP_UP.PAYMENT_HASH.eq(paymentHash))
                .fetchOptional(CardTopUps::toTopUp);
    }

    /** The card's newest top-ups, asked for or credited to it. */
    public List<CardTopUp> forCard(String cardId, int limit) {
        return ctx.selectFrom(CARD_TOP_UP)
                .where(CARD_TOP_UP.CARD_ID.eq(cardId).or(CARD_TOP_UP.CREDITED_CARD_ID.eq(cardId)))
                .orderBy(CARD_TOP_UP.CREATED_AT.desc(), CARD_TOP_UP.ID)
                .limit(limit)
                .fetch(CardTopUps::toTopUp);
    }

    static String sourceKey(String topUpId) {
        return "card-top-up-" + topUpId;
    }

    /** The card, or the card that replaced it (and so on); empty when none of them can take value. */
    static Optional<CardRecord> creditableCard(DSLContext tx, String cardId) {
        String id = cardId;
        for (int hops = 0; id != null && hops < 100; hops++) {
            CardRecord card =
                    tx.selectFrom(CARD).where(CARD.ID.eq(id)).forUpdate().fetchSingle();
            if (CREDITABLE.contains(CardState.valueOf(card.getState().name()))) {
                return Optional.of(card);
            }
            id = card.getState() == com.flash.backoffice.db.jooq.enums.CardState.LOST ? card.getReplacedBy() : null;
        }
        return Optional.empty();
    }

    private static CardTopUpRecord lockManual(DSLContext tx, String topUpId) {
        return tx.selectFrom(CARD_TOP_UP)
                .where(CARD_TOP_UP.ID.eq(topUpId))
                .and(CARD_TOP_UP.KIND.eq(CardTopUpKind.MANUAL))
                .forUpdate()
                .fetchSingle();
    }

    private static void close(DSLContext tx, CardTopUpRecord topUp, String note, Instant at) {
        tx.update(CARD_TOP_UP)
                .set(CARD_TOP_UP.STATE, CardTopUpState.CANCELLED)
                .set(CARD_TOP_UP.NOTE, note)
                .set(CARD_TOP_UP.UPDATED_AT, UtcTimestamps.toDb(at))
                .where(CARD_TOP_UP.ID.eq(topUp.getId()))
                .execute();
    }

    private static TopUpCredit again(CardTopUpRecord topUp) {
        return new TopUpCredit(
                topUp.getId(),
                TopUpState.valueOf(topUp.getState().name()),
                topUp.getCreditedCardId(),
                topUp.getCreditedMsat() == null ? 0 : topUp.getCreditedMsat(),
                true);
    }

    static CardTopUp toTopUp(CardTopUpRecord row) {
        return new CardTopUp(
                row.getId(),
                row.getCardId(),
                TopUpKind.valueOf(row.getKind().name()),
                TopUpState.valueOf(row.getState().name()),
                row.getAmountMsat(),
                row.getCreditedMsat(),
                row.getCreditedCardId(),
                row.getPaymentHash(),
                row.getBolt11(),
                row.getExpiresAt() == null ? null : UtcTimestamps.fromDb(row.getExpiresAt()),
                row.getReason(),
                row.getRequestedBy(),
                row.getNote(),
                UtcTimestamps.fromDb(row.getCreatedAt()),
                UtcTimestamps.fromDb(row.getUpdatedAt()));
    }
}
