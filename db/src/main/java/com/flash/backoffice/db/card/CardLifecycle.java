package com.flash.backoffice.db.card;

import static com.flash.backoffice.db.jooq.Tables.CARD;
import static com.flash.backoffice.db.jooq.Tables.CARD_EVENT;

import com.flash.backoffice.db.audit.AuditEvent;
import com.flash.backoffice.db.audit.AuditLogRepository;
import com.flash.backoffice.db.jooq.tables.records.CardRecord;
import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.JournalEntry;
import com.flash.backoffice.db.ledger.JournalLine;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.support.SqlErrors;
import com.flash.backoffice.db.support.UtcTimestamps;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/**
 * A card's state changes, as its workflow makes them: each writes the card's state, its timeline row and (for a
 * person's change) its audit row in one transaction, once per revision. A lost card's balance moves to its replacement
 * in the same transaction, in one ledger entry.
 */
@Repository
public class CardLifecycle {

    private final DSLContext ctx;

    public CardLifecycle(DSLContext ctx) {
        this.ctx = ctx;
    }

    /** Applies the change if the card is still in {@code from}; true when it is applied (now or by an earlier try). */
    public boolean change(CardChange change) {
        try {
            return ctx.transactionResult(configuration -> apply(configuration.dsl(), change));
        } catch (NotInState notInState) {
            return false;
        } catch (RuntimeException failed) {
            if (SqlErrors.isDuplicateKey(failed)) {
                return applied(change);
            }
            throw failed;
        }
    }

    /**
     * Reports the card lost and moves its whole balance to {@code replacementId} (same programme, not dead) in one
     * ledger entry; the lost card is dead for good. Empty when applied; otherwise why not, and nothing is written.
     */
    public Optional<String> replace(CardChange lost, String replacementId) {
        try {
            return ctx.transactionResult(configuration -> {
                DSLContext tx = configuration.dsl();
                CardRecord old = lock(tx, lost.cardId());
                CardRecord replacement = replacementId == null ? null : lock(tx, replacementId);
                if (replacement != null) {
                    Optional<String> refusal = replacementRefusal(old, replacement);
                    if (refusal.isPresent()) {
                        return refusal;
                    }
                }
                apply(tx, lost);
                if (replacement != null) {
                    tx.update(CARD)
                            .set(CARD.REPLACED_BY, replacementId)
                            .where(CARD.ID.eq(old.getId()))
                            .execute();
                    moveBalance(tx, old.getId(), replacementId);
                }
                return Optional.empty();
            });
        } catch (NotInState notInState) {
            return Optional.of("The card is no longer " + lost.from().name().toLowerCase(Locale.ROOT));
        } catch (RuntimeException failed) {
            if (SqlErrors.isDuplicateKey(failed)) {
                return applied(lost) ? Optional.empty() : Optional.of("The card changed meanwhile");
            }
            throw failed;
        }
    }

    public List<CardEvent> events(String cardId) {
        return ctx.selectFrom(CARD_EVENT)
                .where(CARD_EVENT.CARD_ID.eq(cardId))
                .orderBy(CARD_EVENT.REVISION)
                .fetch(row -> new CardEvent(
                        row.getRevision(),
                        CardState.valueOf(row.getState().name()),
                        row.getActor(),
                        CardReason.valueOf(row.getReasonCode()),
                        row.getNote(),
                        UtcTimestamps.fromDb(row.getCreatedAt())));
    }

    private static boolean apply(DSLContext tx, CardChange change) {
        Instant now = UtcTimestamps.now();
        tx.insertInto(CARD_EVENT)
                .set(CARD_EVENT.CARD_ID, change.cardId())
                .set(CARD_EVENT.REVISION, change.revision())
                .set(
                        CARD_EVENT.STATE,
                        com.flash.backoffice.db.jooq.enums.CardEventState.valueOf(
                                change.to().name()))
                .set(CARD_EVENT.ACTOR, change.actor())
                .set(CARD_EVENT.REASON_CODE, change.reason().name())
                .set(CARD_EVENT.NOTE, change.note())
                .set(CARD_EVENT.CREATED_AT, UtcTimestamps.toDb(now))
                .execute();
        var update = tx.update(CARD)
                .set(
                        CARD.STATE,
                        com.flash.backoffice.db.jooq.enums.CardState.valueOf(
                                change.to().name()))
                .set(CARD.REVISION, CARD.REVISION.plus(1))
                .set(CARD.UPDATED_AT, UtcTimestamps.toDb(now));
        if (change.to() == CardState.ACTIVE && change.from() != CardState.FROZEN) {
            update = update.set(CARD.ACTIVATED_AT, UtcTimestamps.toDb(now));
        }
        if (change.to() == CardState.ACTIVE && change.from() == CardState.FROZEN) {
            // SUPPORT's unfreeze after a PIN lockout gives the holder their tries back
            update = update.set(CARD.PIN_FAILURES, 0);
        }
        int moved = update.where(CARD.ID.eq(change.cardId()))
                .and(CARD.STATE.eq(com.flash.backoffice.db.jooq.enums.CardState.valueOf(
                        change.from().name())))
                .execute();
        if (moved == 0) {
            throw new NotInState();
        }
        if (change.audited()) {
            new AuditLogRepository(tx)
                    .appendOnce(
                            new AuditEvent(
                                    change.actor(),
                                    change.actorRoles(),
                                    "card." + change.to().name().toLowerCase(Locale.ROOT),
                                    "card",
                                    change.cardId(),
                                    "{\"state\":\"" + change.from() + "\"}",
                                    "{\"state\":\"" + change.to() + "\",\"reason\":\"" + change.reason() + "\"}",
                                    change.note() == null
                                            ? change.reason().name()
                                            : change.reason() + ": " + change.note()),
                            "card-" + change.cardId() + "-revision-" + change.revision());
        }
        return true;
    }

    private boolean applied(CardChange change) {
        return ctx.fetchExists(ctx.selectFrom(CARD_EVENT)
                .where(CARD_EVENT.CARD_ID.eq(change.cardId()))
                .and(CARD_EVENT.REVISION.eq(change.revision()))
                .and(CARD_EVENT.STATE.eq(com.flash.backoffice.db.jooq.enums.CardEventState.valueOf(
                        change.to().name()))));
    }

    private static Optional<String> replacementRefusal(CardRecord old, CardRecord replacement) {
        if (replacement.getId().equals(old.getId())) {
            return Optional.of("A card cannot replace itself");
        }
        if (!replacement.getProgrammeId().equals(old.getProgrammeId())) {
            return Optional.of("The replacement must be a card of the same programme");
        }
        CardState state = CardState.valueOf(replacement.getState().name());
        if (state.isFinal() || state == CardState.FROZEN) {
            return Optional.of("The replacement card is " + state.name().toLowerCase(Locale.ROOT));
        }
        return Optional.empty();
    }

    private static void moveBalance(DSLContext tx, String fromCard, String toCard) {
        LedgerRepository ledger = new LedgerRepository(tx);
        long balance = ledger.accountBalance(
                        ChartOfAccounts.cardBalance(fromCard).code())
                .map(account -> account.balanceMsat().msat())
                .orElse(0L);
        if (balance <= 0) {
            return;
        }
        ledger.createAccount(ChartOfAccounts.cardBalance(toCard));
        ledger.post(new JournalEntry(
                "card-" + fromCard + "-replaced",
                "Flash card " + fromCard + " lost: its balance moves to card " + toCard,
                UtcTimestamps.now(),
                List.of(
                        JournalLine.debit(ChartOfAccounts.cardBalance(fromCard).code(), Msat.ofMsat(balance)),
                        JournalLine.credit(ChartOfAccounts.cardBalance(toCard).code(), Msat.ofMsat(balance)))));
    }

    private static CardRecord lock(DSLContext tx, String cardId) {
        return tx.selectFrom(CARD).where(CARD.ID.eq(cardId)).forUpdate().fetchSingle();
    }

    /** Rolls the change back: the card was not in the state the change starts from. */
    private static final class NotInState extends RuntimeException {
        NotInState() {
            super(null, null, false, false);
        }
    }
}
