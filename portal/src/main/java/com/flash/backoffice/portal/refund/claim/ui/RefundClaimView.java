package com.flash.backoffice.portal.refund.claim.ui;

import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.portal.checkout.QrCodes;
import com.flash.backoffice.portal.refund.claim.ClaimPage;
import com.flash.backoffice.portal.refund.claim.RefundClaims;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The customer's refund claim page (the link in the e-mail): no login, made for a phone. While the refund can be
 * claimed it shows one QR code of its LNURL-withdraw, which any Lightning wallet scans to receive the refund; then it
 * says how the refund stands, refreshing by itself.
 */
@Route(value = "refunds/claim/:token", autoLayout = false)
@PageTitle("Your refund · Flash")
@AnonymousAllowed
class RefundClaimView extends VerticalLayout implements BeforeEnterObserver {

    static final int REFRESH_MILLIS = 3_000;
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final RefundClaims claims;
    private String token;
    private String rendered = "";

    RefundClaimView(RefundClaims claims) {
        this.claims = claims;
        setMaxWidth("480px");
        getStyle().set("margin", "0 auto");
        setAlignItems(Alignment.CENTER);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        token = event.getRouteParameters().get("token").orElse("");
        VaadinRequest request = VaadinRequest.getCurrent();
        if (request != null && !claims.allowPage(request.getRemoteAddr())) {
            removeAll();
            add(new H2("Too many requests"), new Paragraph("Please wait a minute and reload the page."));
            return;
        }
        refresh();
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        attachEvent.getUI().setPollInterval(REFRESH_MILLIS);
        attachEvent.getUI().addPollListener(poll -> refresh());
    }

    void refresh() {
        var found = claims.page(token);
        if (found.isEmpty()) {
            removeAll();
            add(new H2("Refund not found"), new Paragraph("Check the link in your e-mail."));
            rendered = "";
            return;
        }
        ClaimPage page = found.get();
        String state = page.state() + String.valueOf(page.lnurl());
        if (state.equals(rendered)) {
            return;
        }
        rendered = state;
        removeAll();
        add(new H2("Your refund"));
        Span amount = new Span(Msat.ofMsat(page.amountMsat()).toBtcString() + " BTC ("
                + String.format("%,d", page.amountMsat() / 1_000) + " sat)");
        amount.setId("refund-amount");
        amount.addClassNames("text-xl", "font-semibold");
        add(amount);
        Span status = new Span(statusText(page));
        status.setId("refund-status");
        add(status);
        if (page.claimable()) {
            Image qr = new Image(QrCodes.svgDataUri("lightning:" + page.lnurl()), "LNURL-withdraw");
            qr.setId("refund-qr");
            qr.setWidth("min(320px, 80vw)");
            qr.getElement().setAttribute("data-lnurl", page.lnurl());
            Anchor open = new Anchor();
            open.setText("Open in a wallet on this phone");
            // lightning: is not among Vaadin's safe URL schemes; the link is Flash's own LNURL, never user input.
            open.setUnsafeHref("lightning:" + page.lnurl());
            open.setId("refund-open-wallet");
            Div box = new Div(qr, new Paragraph("Scan with any Lightning wallet to receive your refund"), open);
            box.getStyle().set("text-align", "center");
            add(box);
            if (page.claimExpiresAt() != null) {
                add(new Paragraph("You can claim it until " + WHEN.format(page.claimExpiresAt()) + "."));
            }
        }
        add(new Paragraph("Invoice " + page.invoiceId()));
    }

    static String statusText(ClaimPage page) {
        return switch (page.state()) {
            case AWAITING_APPROVAL -> "Your refund is waiting for approval. This page will update.";
            case AWAITING_CLAIM -> page.claimable() ? "Ready to claim" : "The time to claim this refund has passed.";
            case IN_PROGRESS -> "Your refund is being paid…";
            case COMPLETED -> "Paid. The refund is in your wallet.";
            case CANCELLED -> "This refund was cancelled.";
            case EXPIRED -> "The time to claim this refund has passed.";
        };
    }
}
