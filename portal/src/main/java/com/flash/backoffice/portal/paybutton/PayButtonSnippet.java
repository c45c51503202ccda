package com.flash.backoffice.portal.paybutton;

import java.math.BigDecimal;

/**
 * The HTML a merchant pastes into a web page: a plain form posting to {@code POST /api/v1/invoices}, which creates
 * the invoice and opens its checkout page. No script, so it works on any site and with scripts blocked.
 */
public final class PayButtonSnippet {

    private PayButtonSnippet() {}

    /** {@code price} null: the customer chooses the amount on the checkout page (a top-up invoice). */
    public static String html(String action, String storeId, BigDecimal price, String currency, String buttonText) {
        StringBuilder html = new StringBuilder()
                .append("<form method=\"POST\" action=\"")
                .append(escape(action))
                .append("\">\n");
        hidden(html, "storeId", storeId);
        if (price != null) {
            hidden(html, "price", price.toPlainString());
        }
        if (currency != null && !currency.isBlank()) {
            hidden(html, "currency", currency);
        }
        return html.append("  <button type=\"submit\">")
                .append(escape(buttonText == null || buttonText.isBlank() ? "Pay with Bitcoin" : buttonText))
                .append("</button>\n</form>\n")
                .toString();
    }

    private static void hidden(StringBuilder html, String name, String value) {
        html.append("  <input type=\"hidden\" name=\"")
                .append(name)
                .append("\" value=\"")
                .append(escape(value))
                .append("\">\n");
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
