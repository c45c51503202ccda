package com.flash.backoffice.portal.card.balance;

import com.flash.backoffice.db.card.CardMovement;
import com.flash.backoffice.portal.checkout.QrCodes;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.web.util.HtmlUtils;

/** The balance page's HTML: one small phone-sized page, every value escaped. */
final class CardBalancePage {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private CardBalancePage() {}

    static String shown(CardBalanceService.BalanceAnswer.Shown shown) {
        StringBuilder rows = new StringBuilder();
        for (CardMovement movement : shown.movements()) {
            rows.append("<tr><td>")
                    .append(WHEN.format(movement.bookedAt()))
                    .append("</td><td>")
                    .append(escape(movement.description()))
                    .append("</td><td class=\"amount\">")
                    .append(movement.signedMsat() > 0 ? "+" : "")
                    .append(sat(movement.signedMsat()))
                    .append("</td></tr>");
        }
        String movements = rows.isEmpty()
                ? "<p>No transactions yet.</p>"
                : "<table><thead><tr><th>When</th><th>What</th><th class=\"amount\">Amount</th></tr></thead><tbody>"
                        + rows + "</tbody></table>";
        return page("<p class=\"label\">Balance of card " + escape(shown.cardId()) + "</p>"
                + "<p class=\"balance\" id=\"balance\">" + sat(shown.balanceMsat()) + "</p>"
                + pinForm(shown.pinChoice())
                + topUp(shown.topUpLnurl())
                + "<h2>Last transactions</h2>" + movements
                + "<p class=\"note\">For your privacy this page opens once per tap: tap the card again to"
                + " see it again.</p>");
    }

    /** The k1 is Flash's own hexadecimal token, never user input. */
    private static String pinForm(CardBalanceService.PinChoice choice) {
        if (choice == null) {
            return "";
        }
        return "<h2>Choose a PIN</h2><p class=\"note\">Payments of " + sat(choice.pinLimitMsat())
                + " or more ask for it. 4 to 6 digits; only you know it.</p>"
                + "<form id=\"pin-form\" method=\"post\" action=\"" + CardBalanceController.PIN_PATH + "\">"
                + "<input type=\"hidden\" name=\"k1\" value=\"" + escape(choice.k1()) + "\">"
                + "<label>PIN <input id=\"pin\" name=\"pin\" type=\"password\" inputmode=\"numeric\""
                + " autocomplete=\"new-password\" pattern=\"[0-9]{4,6}\" minlength=\"4\" maxlength=\"6\" required></label>"
                + "<label>Again <input id=\"pin-repeated\" name=\"repeated\" type=\"password\" inputmode=\"numeric\""
                + " autocomplete=\"new-password\" pattern=\"[0-9]{4,6}\" minlength=\"4\" maxlength=\"6\" required></label>"
                + "<button class=\"button\" id=\"pin-submit\" type=\"submit\">Set the PIN</button></form>";
    }

    static String pinChosen() {
        return page("<p class=\"done\" id=\"pin-chosen\">The card's PIN is set.</p>"
                + "<p class=\"note\">Your wallet asks for it on payments from the card's PIN amount up.</p>");
    }

    static String pinRefused(String reason) {
        return page("<p class=\"error\" id=\"error\">" + escape(reason) + "</p>"
                + "<p class=\"note\">Tap the card on your phone again to open its page and choose the PIN.</p>");
    }

    /** The LNURL is Flash's own bech32 string (letters and digits only), never user input. */
    private static String topUp(String lnurl) {
        String uri = "lightning:" + lnurl.toUpperCase(Locale.ROOT);
        return "<h2>Top up</h2><p class=\"note\">Scan with a Lightning wallet, or open it on this phone:"
                + " the card is credited as soon as the payment arrives.</p>"
                + "<a id=\"top-up\" href=\"" + escape(uri) + "\"><img class=\"qr\" alt=\"Top-up QR code\" src=\""
                + escape(QrCodes.svgDataUri(uri)) + "\"></a>"
                + "<p><a class=\"button\" href=\"" + escape(uri) + "\">Open in wallet</a></p>"
                + "<p class=\"lnurl\" id=\"top-up-lnurl\">" + escape(lnurl) + "</p>";
    }

    static String refused(String reason) {
        return page("<p class=\"error\" id=\"error\">" + escape(reason) + "</p>"
                + "<p class=\"note\">Tap the card on your phone again to see its balance.</p>");
    }

    private static String page(String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"robots\" content=\"noindex\"><title>Flash card balance</title><style>"
                + "body{font-family:system-ui,sans-serif;margin:0;background:#f5f6f8;color:#1b1f24}"
                + "main{max-width:28rem;margin:0 auto;padding:1.5rem 1rem}h1{font-size:1.25rem;margin:0 0 1rem}"
                + "h2{font-size:1rem;margin:1.5rem 0 .5rem}.label{margin:0;color:#5b6470}"
                + ".balance{font-size:2.25rem;font-weight:700;margin:.25rem 0}"
                + "table{width:100%;border-collapse:collapse;font-size:.9rem}th,td{text-align:left;padding:.4rem .2rem;"
                + "border-bottom:1px solid #dde1e6;vertical-align:top}.amount{text-align:right;white-space:nowrap}"
                + ".qr{width:14rem;height:14rem;display:block;margin:.5rem auto;background:#fff}"
                + ".button{display:block;text-align:center;padding:.7rem;border-radius:.4rem;background:#1a56db;"
                + "color:#fff;text-decoration:none;font-weight:600}.lnurl{word-break:break-all;font-size:.7rem;"
                + "color:#5b6470}"
                + "form label{display:block;margin:.5rem 0}form input{display:block;width:100%;box-sizing:border-box;"
                + "padding:.6rem;font-size:1.1rem;margin-top:.25rem}form button{width:100%;border:0;margin-top:.75rem;"
                + "font-size:1rem}.done{color:#05603a;font-weight:600}"
                + ".error{color:#b42318;font-weight:600}.note{color:#5b6470;font-size:.85rem;margin-top:1.5rem}"
                + "</style></head><body><main><h1>Flash card</h1>" + body + "</main></body></html>";
    }

    private static String sat(long msat) {
        return String.format(Locale.ROOT, "%,d sat", msat / 1_000);
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text == null ? "" : text);
    }
}
