package com.flash.backoffice.portal.paybutton;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PayButtonSnippetTest {

    @Test
    void the_form_posts_the_store_price_and_currency_to_the_portal() {
        String html = PayButtonSnippet.html(
                "https://pay.flash.example/api/v1/invoices", "store1", new BigDecimal("12.50"), "EUR", "Buy now");

        assertThat(html).isEqualTo("""
                        <form method="POST" action="https://pay.flash.example/api/v1/invoices">
                          <input type="hidden" name="storeId" value="store1">
                          <input type="hidden" name="price" value="12.50">
                          <input type="hidden" name="currency" value="EUR">
                          <button type="submit">Buy now</button>
                        </form>
                        """);
    }

    @Test
    void without_a_price_the_customer_chooses_and_text_is_escaped() {
        String html = PayButtonSnippet.html("https://x/api/v1/invoices", "s", null, null, "<b>\"Tip\" & 'thanks'</b>");

        assertThat(html).doesNotContain("name=\"price\"").doesNotContain("name=\"currency\"");
        assertThat(html).contains("&lt;b&gt;&quot;Tip&quot; &amp; &#39;thanks&#39;&lt;/b&gt;");
    }
}
