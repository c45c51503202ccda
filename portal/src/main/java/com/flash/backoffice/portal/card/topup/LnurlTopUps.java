package com.flash.backoffice.portal.card.topup;

import com.flash.backoffice.db.card.CardTopUps;
import com.flash.backoffice.db.card.NewLightningTopUp;
import com.flash.backoffice.db.card.TopUpLink;
import com.flash.backoffice.db.support.Sha256;
import com.flash.backoffice.db.support.UtcTimestamps;
import com.flash.backoffice.portal.api.ApiLinks;
import com.flash.backoffice.portal.lnurl.LnurlPayAnswer;
import com.flash.backoffice.portal.lnurl.LnurlWithdrawAnswer;
import com.flash.backoffice.workflows.lightning.CreatedInvoice;
import com.flash.backoffice.workflows.lightning.LightningNode;
import com.flash.backoffice.workflows.payment.Bech32Lnurl;
import com.flash.backoffice.workflows.watch.NetworkMode;
import java.time.Instant;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * A card's top-up over LNURL-pay (LUD-06), with no login: the link of a balance page view (its token) is the only key
 * and can only bring money in. The callback creates an invoice on Flash's node that commits to the link's metadata
 * by its hash; the Lightning watcher credits the card when it settles ({@link CardTopUps#creditSettled}).
 */
@Service
public class LnurlTopUps {

    static final String PATH = "/boltcard/topup/";
    static final long MIN_MSAT = 1_000;

    private final CardTopUps topUps;
    private final LightningNode node;
    private final NetworkMode network;
    private final ApiLinks links;
    private final CardTopUpProperties properties;

    LnurlTopUps(
            CardTopUps topUps,
            LightningNode node,
            NetworkMode network,
            ApiLinks links,
            CardTopUpProperties properties) {
        this.topUps = topUps;
        this.node = node;
        this.network = network;
        this.links = links;
        this.properties = properties;
    }

    /** A new top-up link for the card, as a bech32 LNURL (LUD-01), for the balance page a verified tap opened. */
    @PreAuthorize("permitAll()")
    public String openLink(String cardId) {
        return Bech32Lnurl.encode(links.base() + PATH + topUps.openLink(cardId, UtcTimestamps.now()));
    }

    @PreAuthorize("permitAll()")
    LnurlPayAnswer payRequest(String token) {
        Optional<TopUpLink> link = topUps.link(token, UtcTimestamps.now());
        Optional<String> refused = refusal(link);
        if (refused.isPresent()) {
            return LnurlWithdrawAnswer.error(refused.get());
        }
        return LnurlPayAnswer.PayRequest.of(
                links.base() + PATH + token + "/invoice",
                MIN_MSAT,
                properties.lightningMaxMsat(),
                metadata(link.get().cardId()));
    }

    /** Checks everything before it asks the node for an invoice: a refused call writes nothing. */
    @PreAuthorize("permitAll()")
    LnurlPayAnswer invoice(String token, String amount) {
        Instant now = UtcTimestamps.now();
        Optional<TopUpLink> link = topUps.link(token, now);
        Optional<String> refused = refusal(link);
        if (refused.isPresent()) {
            return LnurlWithdrawAnswer.error(refused.get());
        }
        if (amount == null || !amount.matches("[0-9]{1,18}")) {
            return LnurlWithdrawAnswer.error("amount must be a whole number of millisatoshis");
        }
        long amountMsat = Long.parseLong(amount);
        if (amountMsat < MIN_MSAT || amountMsat > properties.lightningMaxMsat()) {
            return LnurlWithdrawAnswer.error("amount must be between " + MIN_MSAT + " and "
                    + properties.lightningMaxMsat() + " msat, not " + amountMsat);
        }
        String cardId = link.get().cardId();
        CreatedInvoice created = node.createInvoiceForDescriptionHash(
                amountMsat, Sha256.digest(metadata(cardId)), properties.invoiceExpiry());
        topUps.recordInvoice(
                new NewLightningTopUp(
                        cardId,
                        amountMsat,
                        created.paymentHash(),
                        created.bolt11(),
                        network.lightningNodeId(),
                        now.plus(properties.invoiceExpiry())),
                now);
        return LnurlPayAnswer.Invoice.of(created.bolt11());
    }

    private static Optional<String> refusal(Optional<TopUpLink> link) {
        if (link.isEmpty()) {
            return Optional.of("This top-up link is unknown or has expired: tap the card again for a new one");
        }
        if (!CardTopUps.CREDITABLE.contains(link.get().cardState())) {
            return Optional.of("This card is " + link.get().cardState().name().toLowerCase(java.util.Locale.ROOT)
                    + " and cannot be topped up");
        }
        return Optional.empty();
    }

    /** LUD-06 metadata: the same string in the pay request and in the invoice's description hash. */
    static String metadata(String cardId) {
        return "[[\"text/plain\",\"Top up Flash card " + cardId + "\"]]";
    }
}
