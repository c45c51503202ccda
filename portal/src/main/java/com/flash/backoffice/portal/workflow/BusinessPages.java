package com.flash.backoffice.portal.workflow;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The portal page of the business object a workflow runs for: workflow ids are business ids ({@code invoice-<id>},
 * {@code payout-<id>}), so the prefix names the page. Workflows of one object's side jobs ({@code invoice-<id>-mark})
 * link to the object too. A card's top-ups and taps link to pages that forward to their card.
 */
public final class BusinessPages {

    /** Longest prefix first: a card's top-up and tap workflows are {@code card-} workflows too. */
    private static final List<Map.Entry<String, String>> ROUTE_BY_PREFIX = List.of(
            Map.entry("invoice-", "invoices/"),
            Map.entry("payout-", "payouts/"),
            Map.entry("payment-batch-", "payment-batches/"),
            Map.entry("refund-", "refunds/"),
            Map.entry("card-top-up-", "cards/top-ups/"),
            Map.entry("card-tap-", "cards/taps/"),
            Map.entry("card-", "cards/"));

    private BusinessPages() {}

    /** The route of the workflow's business page, e.g. {@code payouts/8Xk...}; empty for workflows of no page. */
    public static Optional<String> route(String workflowId) {
        if (workflowId == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, String> page : ROUTE_BY_PREFIX) {
            if (workflowId.startsWith(page.getKey())
                    && workflowId.length() > page.getKey().length()) {
                String rest = workflowId.substring(page.getKey().length());
                int sideJob = rest.indexOf('-');
                return Optional.of(page.getValue() + (sideJob < 0 ? rest : rest.substring(0, sideJob)));
            }
        }
        return Optional.empty();
    }
}
