package com.flash.backoffice.portal.checkout.ui;

import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.portal.checkout.Checkout;
import com.flash.backoffice.portal.checkout.CheckoutService;
import com.flash.backoffice.portal.checkout.PaymentUris;
import com.flash.backoffice.portal.checkout.QrCodes;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
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
import com.vaadin.flow.server.auth.AnonymousAllowed;
import java.time.Duration;
import java.time.Instant;

/**
 * The customer's checkout page (the invoice's {@code checkoutLink}): no login, works on a phone. One QR code
 * pays by either network (BIP21 with a lightning parameter), with separate codes and copy buttons below; the
 * status refreshes by itself.
 */
@Route(value = "i/:id", autoLayout = false)
@PageTitle("Pay with Bitcoin · Flash")
@AnonymousAllowed
class CheckoutView extends VerticalLayout implements BeforeEnterObserver {

    static final int REFRESH_MILLIS = 3_000;

    private final CheckoutService checkouts;
    private String invoiceId;
    private String renderedState = "";

    CheckoutView(CheckoutService checkouts) {
        this.checkouts = checkouts;
        setMaxWidth("480px");
        getStyle().set("margin", "0 auto");
        setAlignItems(Alignment.CENTER);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        invoiceId = event.getRouteParameters().get("id").orElse("");
        refresh();
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        attachEvent.getUI().setPollInterval(REFRESH_MILLIS);
        String client = attachEvent.getSession().getBrowser().getAddress();
        attachEvent.getUI().addPollListener(poll -> {
            if (checkouts.mayRefresh(client)) {
                refresh();
            }
        });
    }

    void refresh() {
        var found = checkouts.checkout(invoiceId);
        if (found.isEmpty()) {
            removeAll();
            add(new H2("Invoice not found"));
            return;
        }
        Checkout checkout = found.get();
        String state = checkout.status()
                + checkout.additionalStatus()
                + checkout.paidMsat()
                + checkout.confirmations()
                + checkout.address()
                + checkout.bolt11();
        if (state.equals(renderedState)) {
            return;
        }
        renderedState = state;
        removeAll();
        if (checkouts.networkIsSimulated()) {
            Span simulated = new Span("TEST PAGE — simulated network, no real bitcoin");
            simulated.setId("simulated-network");
            simulated.getElement().getThemeList().add("badge error primary");
            add(simulated);
        }
        add(new H2(checkout.merchantName()));
        Span amount = new Span(amountText(checkout));
        amount.setId("checkout-amount");
        amount.addClassNames("text-xl", "font-semibold");
        add(amount);
        Span status = new Span(statusText(checkout));
        status.setId("checkout-status");
        add(status);
        if (checkout.isOpen()) {
            add(countdown(checkout.expiresAt()));
            addPaymentCodes(checkout);
        }
        if (checkout.redirectUrl() != null && !checkout.isOpen()) {
            getUI().ifPresent(ui -> ui.getPage().setLocation(checkout.redirectUrl()));
        }
    }

    private void addPaymentCodes(Checkout checkout) {
        if (checkout.address() == null && checkout.bolt11() == null) {
            add(new Paragraph("Payment details are being prepared…"));
            return;
        }
        String unified = PaymentUris.unified(checkout.address(), checkout.dueMsat(), checkout.bolt11());
        add(qr(unified, "checkout-qr-unified", "Scan with any Bitcoin or Lightning wallet"));
        boolean both = checkout.address() != null && checkout.bolt11() != null;
        if (checkout.address() != null) {
            if (both) {
                add(qr(PaymentUris.onChain(checkout.address(), checkout.dueMsat()), "checkout-qr-onchain", "On-chain"));
            }
            add(copyButton("Copy address", checkout.address(), "copy-address"));
        }
        if (checkout.bolt11() != null) {
            if (both) {
                add(qr(PaymentUris.lightning(checkout.bolt11()), "checkout-qr-lightning", "Lightning"));
            }
            add(copyButton("Copy Lightning invoice", checkout.bolt11(), "copy-bolt11"));
        }
    }

    private static Div qr(String uri, String id, String caption) {
        Image image = new Image(QrCodes.svgDataUri(uri), caption);
        image.setId(id);
        image.setWidth("min(320px, 80vw)");
        image.getElement().setAttribute("data-uri", uri);
        Div box = new Div(image, new Paragraph(caption));
        box.getStyle().set("text-align", "center");
        return box;
    }

    private static Button copyButton(String label, String text, String id) {
        Button button = new Button(label);
        button.setId(id);
        button.addThemeVariants(ButtonVariant.TERTIARY);
        button.addClickListener(click -> click.getSource()
                .getElement()
                .executeJs("navigator.clipboard && navigator.clipboard.writeText($0)", text));
        return button;
    }

    /** Counts down in the browser, so the clock is smooth between status refreshes. */
    private static Span countdown(Instant expiresAt) {
        Span countdown = new Span("Expires in " + format(Duration.between(Instant.now(), expiresAt)));
        countdown.setId("checkout-countdown");
        countdown.getElement().executeJs("""
                const el = this, end = $0;
                clearInterval(el.__flashTimer);
                el.__flashTimer = setInterval(() => {
                  const s = Math.max(0, Math.floor((end - Date.now()) / 1000));
                  el.textContent = s > 0 ? 'Expires in ' + Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0')
                                         : 'Expired';
                }, 1000);""", expiresAt.toEpochMilli());
        return countdown;
    }

    private static String format(Duration left) {
        long seconds = Math.max(0, left.toSeconds());
        return seconds / 60 + ":" + String.format("%02d", seconds % 60);
    }

    static String amountText(Checkout checkout) {
        if (checkout.amountMsat() == null) {
            return "Any amount";
        }
        String btc = Msat.ofMsat(checkout.amountMsat()).toBtcString() + " BTC";
        return checkout.fiatAmount() == null ? btc : checkout.fiatAmount() + " · " + btc;
    }

    static String statusText(Checkout checkout) {
        return switch (checkout.status()) {
            case "New" ->
                checkout.paidMsat() > 0 && checkout.dueMsat() != null
                        ? "Partly paid: " + Msat.ofMsat(checkout.dueMsat()).toBtcString() + " BTC still due"
                        : "Waiting for payment";
            case "Processing" ->
                "Paid, confirming (" + checkout.confirmations() + " of " + checkout.confirmationsNeeded() + ")";
            case "Settled" -> "Paid. Thank you!";
            case "Expired" ->
                checkout.additionalStatus().equals("PaidLate")
                        ? "Paid after the invoice expired: the merchant will contact you"
                        : "This invoice has expired";
            default -> "This invoice is no longer payable";
        };
    }
}
