package com.flash.backoffice.db.card;

import static com.flash.backoffice.db.jooq.Tables.CARD;
import static com.flash.backoffice.db.jooq.Tables.CARD_BATCH;
import static com.flash.backoffice.db.jooq.Tables.CARD_PROGRAMME;
import static com.flash.backoffice.db.jooq.Tables.CARD_PROGRAMME_MERCHANT;
import static com.flash.backoffice.db.jooq.Tables.CARD_TAP;

import com.flash.backoffice.db.jooq.enums.CardTapState;
import com.flash.backoffice.db.jooq.tables.records.CardProgrammeRecord;
import com.flash.backoffice.db.jooq.tables.records.CardRecord;
import com.flash.backoffice.db.support.RandomIds;
import com.flash.backoffice.db.support.UtcTimestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/**
 * Card programmes, batches, cards and their tap log. A tap is accepted by one conditional update that raises the
 * card's counter only while the card is active and the counter is higher, in the transaction that writes the tap and
 * its single-use {@code k1}; a unique key on (card, accepted counter) makes MariaDB refuse a second acceptance too.
 */
@Repository
public class CardRepository {

    private static final int K1_BYTES = 32;

    private final DSLContext ctx;

    public CardRepository(DSLContext ctx) {
        this.ctx = ctx;
    }

    public CardProgramme createProgramme(NewCardProgramme programme) {
        String id = programme.id();
        ctx.insertInto(CARD_PROGRAMME)
                .set(CARD_PROGRAMME.ID, id)
                .set(CARD_PROGRAMME.NAME, programme.name().strip())
                .set(CARD_PROGRAMME.ISSUER_KEY_SEALED, programme.issuerKeySealed())
                .set(CARD_PROGRAMME.PER_TAP_LIMIT_MSAT, programme.perTapLimitMsat())
                .set(CARD_PROGRAMME.DAILY_LIMIT_MSAT, programme.dailyLimitMsat())
                .set(CARD_PROGRAMME.PIN_LIMIT_MSAT, programme.pinLimitMsat())
                .set(CARD_PROGRAMME.ACTIVATION_DAYS, programme.activationDays())
                .set(CARD_PROGRAMME.CREATED_BY, programme.createdBy())
                .set(CARD_PROGRAMME.CREATED_AT, UtcTimestamps.toDb(UtcTimestamps.now()))
                .execute();
        return findProgramme(id).orElseThrow();
    }

    public Optional<CardProgramme> findProgramme(String id) {
        return ctx.selectFrom(CARD_PROGRAMME)
                .where(CARD_PROGRAMME.ID.eq(id))
                .fetchOptional()
                .map(CardRepository::programme);
    }

    public List<CardProgramme> programmes() {
        return ctx.selectFrom(CARD_PROGRAMME).orderBy(CARD_PROGRAMME.NAME).fetch(CardRepository::programme);
    }

    /** Replaces the programme's merchant allow-list; an empty list lets its cards pay anywhere. */
    public void allowMerchants(String programmeId, List<String> merchantIds) {
        ctx.transaction(configuration -> {
            DSLContext tx = configuration.dsl();
            tx.deleteFrom(CARD_PROGRAMME_MERCHANT)
                    .where(CARD_PROGRAMME_MERCHANT.PROGRAMME_ID.eq(programmeId))
                    .execute();
            for (String merchantId : merchantIds) {
                tx.insertInto(CARD_PROGRAMME_MERCHANT)
                        .set(CARD_PROGRAMME_MERCHANT.PROGRAMME_ID, programmeId)
                        .set(CARD_PROGRAMME_MERCHANT.MERCHANT_ID, merchantId)
                        .execute();
            }
        });
    }

    /** The merchants a programme's cards may pay (ids), empty when they pay anywhere. */
    public List<String> allowedMerchants(String programmeId) {
        return ctx.select(CARD_PROGRAMME_MERCHANT.MERCHANT_ID)
                .from(CARD_PROGRAMME_MERCHANT)
                .where(CARD_PROGRAMME_MERCHANT.PROGRAMME_ID.eq(programmeId))
                .orderBy(CARD_PROGRAMME_MERCHANT.MERCHANT_ID)
                .fetch(CARD_PROGRAMME_MERCHANT.MERCHANT_ID);
    }

    /**
     * Issues one card per activation code (each code's SHA-256 hex; the codes themselves are printed, never stored),
     * with the programme's limits, in one transaction; the cards come back in the order of the codes.
     */
    public List<Card> issueBatch(String programmeId, List<String> activationCodeHashes, String createdBy) {
        return ctx.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            CardProgramme programme = tx.selectFrom(CARD_PROGRAMME)
                    .where(CARD_PROGRAMME.ID.eq(programmeId))
                    .fetchOptional()
                    .map(CardRepository::programme)
                    .orElseThrow(() -> new IllegalArgumentException("No card programme " + programmeId));
            String batchId = RandomIds.newId();
            var now = UtcTimestamps.toDb(UtcTimestamps.now());
            tx.insertInto(CARD_BATCH)
                    .set(CARD_BATCH.ID, batchId)
                    .set(CARD_BATCH.PROGRAMME_ID, programmeId)
                    .set(CARD_BATCH.SIZE, activationCodeHashes.size())
                    .set(CARD_BATCH.CREATED_BY, createdBy)
                    .set(CARD_BATCH.CREATED_AT, now)
                    .execute();
            List<String> ids = new ArrayList<>();
            var insert = tx.insertInto(
                    CARD,
                    CARD.ID,
                    CARD.PROGRAMME_ID,
                    CARD.BATCH_ID,
                    CARD.STATE,
                    CARD.ACTIVATION_CODE_HASH,
                    CARD.PER_TAP_LIMIT_MSAT,
                    CARD.DAILY_LIMIT_MSAT,
                    CARD.PIN_LIMIT_MSAT,
                    CARD.CREATED_AT,
                    CARD.UPDATED_AT);
            for (String hash : activationCodeHashes) {
                String id = RandomIds.newId();
                ids.add(id);
                insert = insert.values(
                        id,
                        programmeId,
                        batchId,
                        com.flash.backoffice.db.jooq.enums.CardState.ISSUED,
                        hash,
                        programme.perTapLimitMsat(),
                        programme.dailyLimitMsat(),
                        programme.pinLimitMsat(),
                        now,
                        now);
            }
            insert.execute();
            // in the order of the codes given: the caller prints each code on its card's carrier
            java.util.Map<String, Card> byId = tx.selectFrom(CARD).where(CARD.ID.in(ids)).fetch().stream()
                    .map(CardRepository::card)
                    .collect(java.util.stream.Collectors.toMap(Card::id, card -> card));
            return ids.stream().map(byId::get).toList();
        });
    }

    /** Cards newest first, narrowed by programme, state and the start of the card id (all optional). */
    public List<Card> search(String programmeId, CardState state, String idPrefix, int offset, int limit) {
        return ctx.selectFrom(CARD)
                .where(searchCondition(programmeId, state, idPrefix))
                .orderBy(CARD.CREATED_AT.desc(), CARD.ID)
                .offset(offset)
                .limit(limit)
                .fetch(CardRepository::card);
    }

    public int count(String programmeId, CardState state, String idPrefix) {
        return ctx.fetchCount(CARD, searchCondition(programmeId, state, idPrefix));
    }

    /** Notes that the cards' workflows were started (so the sweep leaves them alone). */
    public void workflowsStarted(List<String> cardIds, Instant at) {
        if (cardIds.isEmpty()) {
            return;
        }
        ctx.update(CARD)
                .set(CARD.WORKFLOW_STARTED_AT, UtcTimestamps.toDb(at))
                .where(CARD.ID.in(cardIds))
                .and(CARD.WORKFLOW_STARTED_AT.isNull())
                .execute();
    }

    /** Cards issued before {@code issuedBefore} whose workflow was never started, oldest first. */
    public List<Card> withoutWorkflow(Instant issuedBefore, int limit) {
        return ctx.selectFrom(CARD)
                .where(CARD.WORKFLOW_STARTED_AT.isNull())
                .and(CARD.CREATED_AT.lt(UtcTimestamps.toDb(issuedBefore)))
                .orderBy(CARD.CREATED_AT, CARD.ID)
                .limit(limit)
                .fetch(CardRepository::card);
    }

    /** Cards still to be activated (issued or programmed), oldest first: the first to expire come first. */
    public List<Card> awaitingActivation(int offset, int limit) {
        return ctx.selectFrom(CARD)
                .where(CARD.STATE.in(
                        com.flash.backoffice.db.jooq.enums.CardState.ISSUED,
                        com.flash.backoffice.db.jooq.enums.CardState.ACTIVATION_PENDING))
                .orderBy(CARD.CREATED_AT, CARD.ID)
                .offset(offset)
                .limit(limit)
                .fetch(CardRepository::card);
    }

    public int countAwaitingActivation() {
        return ctx.fetchCount(
                CARD,
                CARD.STATE.in(
                        com.flash.backoffice.db.jooq.enums.CardState.ISSUED,
                        com.flash.backoffice.db.jooq.enums.CardState.ACTIVATION_PENDING));
    }

    /** The card whose carrier's activation code hashes to {@code codeHash}. */
    public Optional<Card> findByActivationCode(String codeHash) {
        return ctx.selectFrom(CARD)
                .where(CARD.ACTIVATION_CODE_HASH.eq(codeHash))
                .fetchOptional()
                .map(CardRepository::card);
    }

    private static org.jooq.Condition searchCondition(String programmeId, CardState state, String idPrefix) {
        org.jooq.Condition condition = org.jooq.impl.DSL.trueCondition();
        if (programmeId != null) {
            condition = condition.and(CARD.PROGRAMME_ID.eq(programmeId));
        }
        if (state != null) {
            condition =
                    condition.and(CARD.STATE.eq(com.flash.backoffice.db.jooq.enums.CardState.valueOf(state.name())));
        }
        if (idPrefix != null && !idPrefix.isBlank()) {
            condition = condition.and(CARD.ID.startsWith(idPrefix.strip()));
        }
        return condition;
    }

    public Optional<Card> findById(String id) {
        return ctx.selectFrom(CARD).where(CARD.ID.eq(id)).fetchOptional().map(CardRepository::card);
    }

    /** The card a tap's derived ID names, within the programme whose K1 opened the tap. */
    public Optional<Card> findByKeyId(String programmeId, String cardKeyId) {
        return ctx.selectFrom(CARD)
                .where(CARD.CARD_KEY_ID.eq(cardKeyId))
                .and(CARD.PROGRAMME_ID.eq(programmeId))
                .fetchOptional()
                .map(CardRepository::card);
    }

    /**
     * Records the card's derived ID and key version once the programming app wrote its keys: the card's counter starts
     * again at 0 (a programmed NTAG424 counts from 0), and an issued card now waits for activation.
     */
    public boolean programmed(String cardId, String cardKeyId, int version) {
        return programmed(ctx, cardId, cardKeyId, version);
    }

    private static boolean programmed(DSLContext tx, String cardId, String cardKeyId, int version) {
        return tx.update(CARD)
                        .set(CARD.CARD_KEY_ID, cardKeyId)
                        .set(CARD.VERSION, version)
                        .set(CARD.COUNTER, 0)
                        .set(
                                CARD.STATE,
                                org.jooq
                                        .impl
                                        .DSL
                                        .when(
                                                CARD.STATE.eq(com.flash.backoffice.db.jooq.enums.CardState.ISSUED),
                                                com.flash.backoffice.db.jooq.enums.CardState.ACTIVATION_PENDING)
                                        .otherwise(CARD.STATE))
                        .set(CARD.REVISION, CARD.REVISION.plus(1))
                        .set(CARD.UPDATED_AT, UtcTimestamps.toDb(UtcTimestamps.now()))
                        .where(CARD.ID.eq(cardId))
                        .and(CARD.STATE.notIn(
                                com.flash.backoffice.db.jooq.enums.CardState.LOST,
                                com.flash.backoffice.db.jooq.enums.CardState.RETIRED))
                        .execute()
                == 1;
    }

    /** Gives the card a one-time programming (or reset) token, stored as its SHA-256 hex, until {@code expiresAt}. */
    public boolean grantProgrammingToken(String cardId, String tokenHash, Instant expiresAt) {
        return ctx.update(CARD)
                        .set(CARD.PROGRAMMING_TOKEN_HASH, tokenHash)
                        .set(CARD.PROGRAMMING_TOKEN_EXPIRES_AT, UtcTimestamps.toDb(expiresAt))
                        .set(CARD.UPDATED_AT, UtcTimestamps.toDb(UtcTimestamps.now()))
                        .where(CARD.ID.eq(cardId))
                        .and(CARD.STATE.ne(com.flash.backoffice.db.jooq.enums.CardState.LOST))
                        .execute()
                == 1;
    }

    /** The card a live programming token was granted to, without using the token up. */
    public Optional<Card> findByProgrammingToken(String tokenHash, Instant now) {
        return ctx.selectFrom(CARD)
                .where(CARD.PROGRAMMING_TOKEN_HASH.eq(tokenHash))
                .and(CARD.PROGRAMMING_TOKEN_EXPIRES_AT.gt(UtcTimestamps.toDb(now)))
                .fetchOptional()
                .map(CardRepository::card);
    }

    /**
     * Programming (boltcard DEEPLINK.md's program action): the token's card takes the ID derived from the UID; a card
     * programmed before under the same ID gets the next key version (its NTAG424 counts from 0 again), a new one
     * version 0. The token is used up in the same transaction; a refusal writes nothing.
     */
    public Programming program(String tokenHash, String cardKeyId, Instant now) {
        return ctx.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            Optional<CardRecord> found = tokenCard(tx, tokenHash, now);
            if (found.isEmpty()) {
                return new Programming.Refused(404, "Unknown or expired programming link: ask for a new one");
            }
            CardRecord card = found.get();
            CardState state = CardState.valueOf(card.getState().name());
            if (state.isFinal()) {
                return new Programming.Refused(
                        409, "This card is " + state.name().toLowerCase() + ": it cannot be" + " programmed again");
            }
            Optional<CardRecord> holder = tx.selectFrom(CARD)
                    .where(CARD.CARD_KEY_ID.eq(cardKeyId))
                    .and(CARD.PROGRAMME_ID.eq(card.getProgrammeId()))
                    .fetchOptional();
            if (holder.isPresent() && !holder.get().getId().equals(card.getId())) {
                return new Programming.Refused(
                        409, "This NTAG424 is already another Flash card of this programme: reset it first");
            }
            if (card.getCardKeyId() != null && !card.getCardKeyId().equals(cardKeyId)) {
                return new Programming.Refused(409, "This link is for another NTAG424");
            }
            int version = card.getCardKeyId() == null ? 0 : card.getVersion() + 1;
            useToken(tx, card.getId(), now);
            programmed(tx, card.getId(), cardKeyId, version);
            return new Programming.Granted(card(fetch(tx, card.getId())), version);
        });
    }

    /**
     * Reset (DEEPLINK.md's reset action) of a retired card with a genuine tap at {@code counter}: the counter must be
     * above the last one (a replayed tap wipes nothing); the token is used up and the tap logged as a reset.
     */
    public Programming reset(String tokenHash, String cardId, int counter, Instant now) {
        return ctx.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            Optional<CardRecord> found = tokenCard(tx, tokenHash, now);
            if (found.isEmpty() || !found.get().getId().equals(cardId)) {
                return new Programming.Refused(404, "Unknown or expired reset link, or not this card's");
            }
            CardRecord card = found.get();
            if (card.getState() != com.flash.backoffice.db.jooq.enums.CardState.RETIRED) {
                return new Programming.Refused(409, "Only a retired card is wiped: retire it first");
            }
            if (card.getCounter() >= counter) {
                return new Programming.Refused(409, "This tap was already used: tap the card again");
            }
            useToken(tx, card.getId(), now);
            tx.update(CARD).set(CARD.COUNTER, counter).where(CARD.ID.eq(cardId)).execute();
            var at = UtcTimestamps.toDb(now);
            tx.insertInto(CARD_TAP)
                    .set(CARD_TAP.CARD_ID, cardId)
                    .set(CARD_TAP.COUNTER, counter)
                    .set(CARD_TAP.STATE, CardTapState.RESET)
                    .set(CARD_TAP.REASON, "WIPED")
                    .set(CARD_TAP.CREATED_AT, at)
                    .set(CARD_TAP.UPDATED_AT, at)
                    .execute();
            return new Programming.Granted(card(fetch(tx, cardId)), card.getVersion());
        });
    }

    private static Optional<CardRecord> tokenCard(DSLContext tx, String tokenHash, Instant now) {
        return tx.selectFrom(CARD)
                .where(CARD.PROGRAMMING_TOKEN_HASH.eq(tokenHash))
                .and(CARD.PROGRAMMING_TOKEN_EXPIRES_AT.gt(UtcTimestamps.toDb(now)))
                .forUpdate()
                .fetchOptional();
    }

    private static void useToken(DSLContext tx, String cardId, Instant now) {
        tx.update(CARD)
                .setNull(CARD.PROGRAMMING_TOKEN_HASH)
                .setNull(CARD.PROGRAMMING_TOKEN_EXPIRES_AT)
                .set(CARD.UPDATED_AT, UtcTimestamps.toDb(now))
                .where(CARD.ID.eq(cardId))
                .execute();
    }

    private static CardRecord fetch(DSLContext tx, String cardId) {
        return tx.selectFrom(CARD).where(CARD.ID.eq(cardId)).fetchSingle();
    }

    /** Moves the card from {@code from} to {@code to} if it is still in {@code from}; false when it was not. */
    public boolean move(String cardId, CardState from, CardState to) {
        var now = UtcTimestamps.toDb(UtcTimestamps.now());
        var update = ctx.update(CARD)
                .set(CARD.STATE, com.flash.backoffice.db.jooq.enums.CardState.valueOf(to.name()))
                .set(CARD.REVISION, CARD.REVISION.plus(1))
                .set(CARD.UPDATED_AT, now);
        if (to == CardState.ACTIVE && from != CardState.FROZEN) {
            update = update.set(CARD.ACTIVATED_AT, now);
        }
        return update.where(CARD.ID.eq(cardId))
                        .and(CARD.STATE.eq(com.flash.backoffice.db.jooq.enums.CardState.valueOf(from.name())))
                        .execute()
                == 1;
    }

    /**
     * Accepts the tap at {@code counter} if the card is active and the counter is above the last accepted one: the
     * counter is raised and the tap written with a fresh {@code k1} in one transaction. Otherwise only the refused
     * tap's log row is written.
     */
    public TapAcceptance acceptTap(String cardId, int counter) {
        int version = ctx.select(CARD.VERSION)
                .from(CARD)
                .where(CARD.ID.eq(cardId))
                .fetchOptional(CARD.VERSION)
                .orElse(0);
        return acceptTap(cardId, version, counter);
    }

    /** As {@link #acceptTap(String, int)}, for a tap whose signature was checked with the keys of {@code version}. */
    public TapAcceptance acceptTap(String cardId, int version, int counter) {
        return ctx.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            var now = UtcTimestamps.toDb(UtcTimestamps.now());
            int raised = tx.update(CARD)
                    .set(CARD.COUNTER, counter)
                    .set(CARD.UPDATED_AT, now)
                    .where(CARD.ID.eq(cardId))
                    .and(CARD.COUNTER.lt(counter))
                    .and(CARD.STATE.eq(com.flash.backoffice.db.jooq.enums.CardState.ACTIVE))
                    .execute();
            if (raised == 1) {
                String k1 = RandomIds.randomHex(K1_BYTES);
                long tapId = tx.insertInto(CARD_TAP)
                        .set(CARD_TAP.CARD_ID, cardId)
                        .set(CARD_TAP.COUNTER, counter)
                        .set(CARD_TAP.VERSION, version)
                        .set(CARD_TAP.ACCEPTED_COUNTER, counter)
                        .set(CARD_TAP.K1, k1)
                        .set(CARD_TAP.STATE, CardTapState.OPEN)
                        .set(CARD_TAP.CREATED_AT, now)
                        .set(CARD_TAP.UPDATED_AT, now)
                        .returningResult(CARD_TAP.ID)
                        .fetchOne()
                        .value1();
                return new TapAcceptance.Accepted(tapId, k1);
            }
            CardState state = tx.select(CARD.STATE)
                    .from(CARD)
                    .where(CARD.ID.eq(cardId))
                    .fetchOptional(CARD.STATE)
                    .map(stored -> CardState.valueOf(stored.name()))
                    .orElseThrow(() -> new IllegalArgumentException("No card " + cardId));
            TapRefusal refusal = TapRefusal.forState(state);
            return new TapAcceptance.Refused(log(tx, cardId, counter, refusal), refusal);
        });
    }

    /** Logs a tap refused before any card could be trusted (unknown card, bad signature). */
    public TapAcceptance.Refused refuseTap(String cardId, Integer counter, TapRefusal refusal) {
        return new TapAcceptance.Refused(log(ctx, cardId, counter, refusal), refusal);
    }

    /** The card a tap was made with. */
    public Optional<String> cardOfTap(long tapId) {
        return ctx.select(CARD_TAP.CARD_ID)
                .from(CARD_TAP)
                .where(CARD_TAP.ID.eq(tapId))
                .fetchOptional(CARD_TAP.CARD_ID);
    }

    public List<CardTap> taps(String cardId, int limit) {
        return ctx.selectFrom(CARD_TAP)
                .where(CARD_TAP.CARD_ID.eq(cardId))
                .orderBy(CARD_TAP.ID.desc())
                .limit(limit)
                .fetch(row -> new CardTap(
                        row.getId(),
                        row.getCardId(),
                        row.getCounter(),
                        row.getState().name(),
                        row.getReason(),
                        row.getAmountMsat(),
                        row.getFeeMsat(),
                        row.getPaymentId(),
                        UtcTimestamps.fromDb(row.getCreatedAt())));
    }

    private static long log(DSLContext tx, String cardId, Integer counter, TapRefusal refusal) {
        var now = UtcTimestamps.toDb(UtcTimestamps.now());
        return tx.insertInto(CARD_TAP)
                .set(CARD_TAP.CARD_ID, cardId)
                .set(CARD_TAP.COUNTER, counter)
                .set(CARD_TAP.STATE, CardTapState.REFUSED)
                .set(CARD_TAP.REASON, refusal.name())
                .set(CARD_TAP.CREATED_AT, now)
                .set(CARD_TAP.UPDATED_AT, now)
                .returningResult(CARD_TAP.ID)
                .fetchOne()
                .value1();
    }

    private static CardProgramme programme(CardProgrammeRecord row) {
        return new CardProgramme(
                row.getId(),
                row.getName(),
                row.getIssuerKeySealed(),
                row.getPerTapLimitMsat(),
                row.getDailyLimitMsat(),
                row.getPinLimitMsat(),
                row.getActivationDays(),
                row.getCreatedBy(),
                UtcTimestamps.fromDb(row.getCreatedAt()));
    }

    private static Card card(CardRecord row) {
        return new Card(
                row.getId(),
                row.getProgrammeId(),
                row.getBatchId(),
                row.getCardKeyId(),
                row.getVersion(),
                row.getCounter(),
                CardState.valueOf(row.getState().name()),
                row.getPerTapLimitMsat(),
                row.getDailyLimitMsat(),
                row.getPinLimitMsat(),
                row.getPinFailures(),
                row.getPinHash() != null,
                row.getReplacedBy(),
                row.getRevision(),
                UtcTimestamps.fromDb(row.getCreatedAt()),
                UtcTimestamps.fromDb(row.getUpdatedAt()),
                row.getActivatedAt() == null ? null : UtcTimestamps.fromDb(row.getActivatedAt()));
    }
}
