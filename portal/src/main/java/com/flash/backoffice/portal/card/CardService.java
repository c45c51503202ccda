package com.flash.backoffice.portal.card;

import com.flash.backoffice.db.card.Card;
import com.flash.backoffice.db.card.CardEvent;
import com.flash.backoffice.db.card.CardLifecycle;
import com.flash.backoffice.db.card.CardPins;
import com.flash.backoffice.db.card.CardProgramme;
import com.flash.backoffice.db.card.CardReason;
import com.flash.backoffice.db.card.CardRepository;
import com.flash.backoffice.db.card.CardState;
import com.flash.backoffice.db.card.CardTap;
import com.flash.backoffice.db.card.CardTopUp;
import com.flash.backoffice.db.card.CardTopUps;
import com.flash.backoffice.db.card.CardWithdrawals;
import com.flash.backoffice.db.card.NewCardProgramme;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.support.RandomIds;
import com.flash.backoffice.db.support.UtcTimestamps;
import com.flash.backoffice.portal.audit.AuditService;
import com.flash.backoffice.portal.security.CurrentUser;
import com.flash.backoffice.workflows.card.CardCommand;
import com.flash.backoffice.workflows.card.CardKeyVault;
import com.flash.backoffice.workflows.card.CardLifecycleRequest;
import com.flash.backoffice.workflows.card.CardProgramming;
import com.flash.backoffice.workflows.card.CardWorkflow;
import com.flash.backoffice.workflows.card.CardWorkflows;
import com.flash.backoffice.workflows.command.CommandRefusals;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Flash cards for staff: FINANCE creates programmes (a fresh issuer key, sealed) and issues batches (one activation
 * code per card carrier, shown once); SUPPORT activates, freezes, unfreezes, reports lost and retires through each
 * card's workflow, which holds the rules; ACCOUNTANT and ADMIN read. No method ever returns a key.
 */
@Service
public class CardService {

    static final String READERS = "hasAnyRole('SUPPORT', 'FINANCE', 'ACCOUNTANT', 'ADMIN')";
    static final String FINANCE = "hasRole('FINANCE')";
    static final String CARD_STAFF = "hasAnyRole('SUPPORT', 'FINANCE')";
    public static final int MAX_BATCH_SIZE = 1_000;

    /** Unambiguous on a printed carrier: no 0/O, 1/I/L. */
    private static final String CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final CardRepository cards;
    private final CardLifecycle lifecycle;
    private final CardWithdrawals withdrawals;
    private final CardTopUps topUps;
    private final CardPins pins;
    private final MerchantRepository merchants;
    private final CardKeyVault vault;
    private final WorkflowClient workflows;
    private final AuditService audit;
    private final CurrentUser currentUser;
    private final TransactionTemplate transaction;

    CardService(
            CardRepository cards,
            CardLifecycle lifecycle,
            CardWithdrawals withdrawals,
            CardTopUps topUps,
            CardPins pins,
            MerchantRepository merchants,
            CardKeyVault vault,
            WorkflowClient workflows,
            AuditService audit,
            CurrentUser currentUser,
            TransactionTemplate transaction) {
        this.cards = cards;
        this.lifecycle = lifecycle;
        this.withdrawals = withdrawals;
        this.topUps = topUps;
        this.pins = pins;
        this.merchants = merchants;
        this.vault = vault;
        this.workflows = workflows;
        this.audit = audit;
        this.currentUser = currentUser;
        this.transaction = transaction;
    }

    /** A new programme, or the field messages that explain why not (nothing written). */
    @PreAuthorize(FINANCE)
    public ProgrammeOutcome createProgramme(ProgrammeDraft draft) {
        Map<String, String> errors = draft.errors();
        if (cards.programmes().stream()
                .anyMatch(existing ->
                        existing.name().equalsIgnoreCase(draft.name().strip()))) {
            errors.put("name", "A programme with this name exists");
        }
        if (draft.allowedMerchantIds().stream()
                .anyMatch(merchantId -> merchants.findById(merchantId).isEmpty())) {
            errors.put("allowedMerchantIds", "Choose merchants from the list");
        }
        if (!errors.isEmpty()) {
            return new ProgrammeOutcome(null, errors);
        }
        String id = RandomIds.newId();
        byte[] sealed = vault.seal(id, CardKeyVault.newIssuerKey());
        CardProgramme created = transaction.execute(status -> {
            CardProgramme programme = cards.createProgramme(new NewCardProgramme(
                    id,
                    draft.name().strip(),
                    sealed,
                    draft.perTapLimitSat() * 1_000,
                    draft.dailyLimitSat() * 1_000,
                    draft.pinLimitSat() == null ? null : draft.pinLimitSat() * 1_000,
                    draft.activationDays(),
                    currentUser.require().username()));
            cards.allowMerchants(id, draft.allowedMerchantIds());
            audit.record(
                    "card-programme.create",
                    "card-programme",
                    id,
                    null,
                    Map.of("programme", programme, "allowedMerchants", draft.allowedMerchantIds()),
                    "new card programme");
            return programme;
        });
        return new ProgrammeOutcome(created, Map.of());
    }

    @PreAuthorize(READERS)
    public List<CardProgramme> programmes() {
        return cards.programmes();
    }

    /** Cards still to be activated, the first to expire first (the activation inbox). */
    @PreAuthorize(READERS)
    public List<Card> awaitingActivation(int offset, int limit) {
        return cards.awaitingActivation(offset, limit);
    }

    @PreAuthorize(READERS)
    public int countAwaitingActivation() {
        return cards.countAwaitingActivation();
    }

    /** The merchants a programme may be limited to, by name (for the programme dialog). */
    @PreAuthorize(FINANCE)
    public List<Merchant> merchants() {
        return merchants.findAll(0, 1_000, null);
    }

    /** The names of the merchants the programme's cards may pay; empty when they pay anywhere. */
    @PreAuthorize(READERS)
    public List<String> allowedMerchantNames(String programmeId) {
        return cards.allowedMerchants(programmeId).stream()
                .map(merchantId ->
                        merchants.findById(merchantId).map(Merchant::name).orElse(merchantId))
                .sorted()
                .toList();
    }

    /** The merchants the programme's cards may pay; empty when they pay anywhere. */
    @PreAuthorize(READERS)
    public List<String> allowedMerchants(String programmeId) {
        return cards.allowedMerchants(programmeId);
    }

    /** Issues {@code size} cards, each with its workflow (its activation timer) started; the codes are shown once. */
    @PreAuthorize(FINANCE)
    public IssuedBatch issueBatch(String programmeId, int size) {
        if (size < 1 || size > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("A batch holds 1 to " + MAX_BATCH_SIZE + " cards");
        }
        CardProgramme programme = cards.findProgramme(programmeId)
                .orElseThrow(() -> new IllegalArgumentException("No card programme " + programmeId));
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            codes.add(newActivationCode());
        }
        List<Card> issued = transaction.execute(status -> {
            List<Card> batch = cards.issueBatch(
                    programmeId,
                    codes.stream().map(CardService::codeHash).toList(),
                    currentUser.require().username());
            audit.record(
                    "card-batch.issue",
                    "card-batch",
                    batch.getFirst().batchId(),
                    null,
                    Map.of("programme", programmeId, "cards", size),
                    "batch of " + size + " cards");
            return batch;
        });
        Duration window = Duration.ofDays(programme.activationDays());
        List<IssuedBatch.CardCode> printed = new ArrayList<>();
        for (int i = 0; i < issued.size(); i++) {
            CardWorkflows.start(
                    workflows, new CardLifecycleRequest(issued.get(i).id(), window));
            printed.add(new IssuedBatch.CardCode(issued.get(i).id(), codes.get(i)));
        }
        cards.workflowsStarted(issued.stream().map(Card::id).toList(), UtcTimestamps.now());
        return new IssuedBatch(issued.getFirst().batchId(), programmeId, printed);
    }

    /**
     * Starts the workflows of cards issued before {@code issuedBefore} whose start never happened (for the sweep): the
     * activation window counts from the card's issue, as it would have; a card past it is retired at once.
     */
    int startUnstarted(Instant issuedBefore) {
        List<Card> unstarted = cards.withoutWorkflow(issuedBefore, 100);
        Map<String, Integer> days = new java.util.HashMap<>();
        for (Card card : unstarted) {
            int activationDays = days.computeIfAbsent(
                    card.programmeId(),
                    id -> cards.findProgramme(id)
                            .map(CardProgramme::activationDays)
                            .orElse(1));
            Duration left =
                    Duration.between(UtcTimestamps.now(), card.createdAt().plus(Duration.ofDays(activationDays)));
            CardWorkflows.start(
                    workflows, new CardLifecycleRequest(card.id(), left.isPositive() ? left : Duration.ofSeconds(1)));
        }
        cards.workflowsStarted(unstarted.stream().map(Card::id).toList(), UtcTimestamps.now());
        return unstarted.size();
    }

    @PreAuthorize(READERS)
    public List<Card> search(String programmeId, CardState state, String idPrefix, int offset, int limit) {
        return cards.search(programmeId, state, idPrefix, offset, limit);
    }

    @PreAuthorize(READERS)
    public int count(String programmeId, CardState state, String idPrefix) {
        return cards.count(programmeId, state, idPrefix);
    }

    @PreAuthorize(READERS)
    public Optional<Card> card(String cardId) {
        return cards.findById(cardId);
    }

    /** The card a manual or Lightning top-up credits (for links from the approvals inbox and the workflows view). */
    @PreAuthorize(READERS)
    public Optional<String> cardOfTopUp(String topUpId) {
        return topUps.find(topUpId).map(CardTopUp::cardId);
    }

    /** The card a tap was made with (for links from the workflows view). */
    @PreAuthorize(READERS)
    public Optional<String> cardOfTap(long tapId) {
        return cards.cardOfTap(tapId);
    }

    /** The card's balance, from the ledger. */
    @PreAuthorize(READERS)
    public long balanceMsat(String cardId) {
        return withdrawals.balanceMsat(cardId);
    }

    @PreAuthorize(READERS)
    public List<CardTap> taps(String cardId) {
        return cards.taps(cardId, 50);
    }

    /** The card's newest top-ups: asked for, credited to it, or in suspense. */
    @PreAuthorize(READERS)
    public List<CardTopUp> topUps(String cardId) {
        return topUps.forCard(cardId, 50);
    }

    @PreAuthorize(READERS)
    public List<CardEvent> timeline(String cardId) {
        return lifecycle.events(cardId);
    }

    @PreAuthorize(CARD_STAFF)
    public CardCommandOutcome activate(String cardId, String note) {
        return command(cardId, CardReason.ACTIVATED_BY_SUPPORT, note, CardWorkflow::activate);
    }

    @PreAuthorize(CARD_STAFF)
    public CardCommandOutcome freeze(String cardId, CardReason reason, String note) {
        return command(cardId, reason, note, CardWorkflow::freeze);
    }

    @PreAuthorize(CARD_STAFF)
    public CardCommandOutcome unfreeze(String cardId, CardReason reason, String note) {
        return command(cardId, reason, note, CardWorkflow::unfreeze);
    }

    @PreAuthorize(CARD_STAFF)
    public CardCommandOutcome reportLost(String cardId, CardReason reason, String note, String replacementCardId) {
        String replacement =
                replacementCardId == null || replacementCardId.isBlank() ? null : replacementCardId.strip();
        return command(cardId, reason, note, (workflow, command) -> workflow.reportLost(command, replacement));
    }

    @PreAuthorize(CARD_STAFF)
    public CardCommandOutcome retire(String cardId, CardReason reason, String note) {
        return command(cardId, reason, note, CardWorkflow::retire);
    }

    /**
     * SUPPORT clears a card's forgotten PIN, having checked who the holder is: the hash and the wrong tries go, with the
     * audit entry in the same transaction; the holder chooses a new PIN on the card's balance page (tap the card).
     */
    @PreAuthorize("hasRole('SUPPORT')")
    public CardCommandOutcome clearPin(String cardId, String note) {
        if (note == null || note.isBlank()) {
            return new CardCommandOutcome(false, "Say why, and how the holder was checked (for the audit log)", "note");
        }
        if (note.strip().length() > 500) {
            return new CardCommandOutcome(false, "At most 500 characters", "note");
        }
        if (cards.findById(cardId).isEmpty()) {
            return CardCommandOutcome.refused("No card " + cardId);
        }
        CurrentUser.Staff staff = currentUser.require();
        boolean cleared = pins.clear(
                cardId,
                staff.username(),
                staff.roles().stream().map(Enum::name).sorted().toList(),
                note.strip());
        return cleared
                ? new CardCommandOutcome(
                        true, "PIN cleared: the holder chooses a new one on the card's balance page (tap the card)")
                : CardCommandOutcome.refused("The card has no PIN");
    }

    private CardCommandOutcome command(
            String cardId,
            CardReason reason,
            String note,
            java.util.function.BiConsumer<CardWorkflow, CardCommand> send) {
        if (cards.findById(cardId).isEmpty()) {
            return CardCommandOutcome.refused("No card " + cardId);
        }
        CurrentUser.Staff staff = currentUser.require();
        CardCommand command = new CardCommand(
                staff.username(),
                staff.roles().stream().map(Enum::name).sorted().toList(),
                reason,
                note == null || note.isBlank() ? null : note.strip());
        return send(cardId, workflow -> send.accept(workflow, command));
    }

    /** The holder's activation with the code on the card's carrier (the public activation page; rate-limited there). */
    @PreAuthorize("permitAll()")
    public CardCommandOutcome activateWithCode(String code) {
        return activateWithCode(code, null);
    }

    /**
     * As {@link #activateWithCode(String)}, with the PIN the holder chose (or null). A card whose programme has a PIN
     * limit needs one; the PIN is set once the card's workflow has activated it.
     */
    @PreAuthorize("permitAll()")
    public CardCommandOutcome activateWithCode(String code, String pin) {
        Optional<Card> card = cards.findByActivationCode(codeHash(code == null ? "" : code));
        if (card.isEmpty()) {
            return CardCommandOutcome.refused("This activation code is not valid");
        }
        String chosen = pin == null || pin.isBlank() ? null : pin.strip();
        if (chosen == null && card.get().pinLimitMsat() != null) {
            return CardCommandOutcome.refusedPin("Choose a PIN: payments of "
                    + String.format(java.util.Locale.ROOT, "%,d sat", card.get().pinLimitMsat() / 1_000)
                    + " or more need it");
        }
        Optional<String> problem = chosen == null ? Optional.empty() : CardPins.problem(chosen);
        if (problem.isPresent()) {
            return CardCommandOutcome.refusedPin(problem.get());
        }
        CardCommandOutcome outcome = send(card.get().id(), workflow -> workflow.activate(CardCommand.holder(null)));
        if (outcome.done() && chosen != null) {
            pins.set(card.get().id(), chosen);
        }
        return outcome;
    }

    private CardCommandOutcome send(String cardId, Consumer<CardWorkflow> send) {
        try {
            send.accept(CardWorkflows.stub(workflows, cardId));
            return CardCommandOutcome.ok();
        } catch (WorkflowNotFoundException ended) {
            return CardCommandOutcome.refused("The card's life has ended: it takes no further command");
        } catch (WorkflowException refused) {
            return CardCommandOutcome.refused(
                    CommandRefusals.message(CommandRefusals.refusalIn(refused).orElseThrow(() -> refused)));
        }
    }

    /** Twelve characters in groups of four, about 59 bits: guessing one is hopeless within the rate limits. */
    static String newActivationCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
        }
        return code.toString();
    }

    /** Case, spaces and dashes do not matter when the holder types the code. */
    static String codeHash(String code) {
        return CardProgramming.tokenHash(code.toUpperCase().replaceAll("[^A-Z0-9]", ""));
    }
}
