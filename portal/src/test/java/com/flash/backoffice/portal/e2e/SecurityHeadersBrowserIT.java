package com.flash.backoffice.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.invoice.NewInvoice;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.portal.FlashApplication;
import com.flash.backoffice.portal.testsupport.Browser;
import com.flash.backoffice.portal.testsupport.BrowserTestInitializer;
import com.flash.backoffice.portal.testsupport.TestServersInitializer;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The security headers as a browser receives them from the running portal, and what Chromium does with them: a
 * store's checkout shows inside the store's own web page only when the store lists that site.
 */
@SpringBootTest(classes = FlashApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ContextConfiguration(initializers = {TestServersInitializer.class, BrowserTestInitializer.class})
class SecurityHeadersBrowserIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Autowired
    MerchantRepository merchants;

    @Autowired
    InvoiceRepository invoices;

    private ChromeDriver browser;
    private HttpServer shop;
    private String shopOrigin;

    @BeforeEach
    void startShop() throws Exception {
        shop = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        shop.createContext("/", exchange -> {
            String invoiceId = exchange.getRequestURI().getPath().substring(1);
            byte[] page = ("<html><body><h1 id='shop'>A shop</h1><iframe id='checkout' width='500' height='700' src='"
                            + BrowserTestInitializer.baseUrl() + "/i/" + invoiceId + "'></iframe></body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        shop.start();
        shopOrigin = "http://127.0.0.1:" + shop.getAddress().getPort();
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
        shop.stop(0);
    }

    @Test
    void staff_pages_may_not_be_framed_send_no_referrer_elsewhere_and_hsts_only_over_tls() throws Exception {
        HttpResponse<String> login = get("/dashboard");

        String policy = login.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy)
                .contains("default-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "form-action 'self'")
                .as("no scheme-wide source such as 'https:'")
                .doesNotContainPattern(" https?:( |;|$)")
                .contains("connect-src 'self' http://127.0.0.1:");
        assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(login.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(login.headers().firstValue("Strict-Transport-Security"))
                .as("plain http: a browser would ignore HSTS, and it must not pin a development host")
                .isEmpty();

        HttpResponse<String> behindTls = HTTP.send(
                HttpRequest.newBuilder(URI.create(BrowserTestInitializer.baseUrl() + "/dashboard"))
                        .header("X-Forwarded-Proto", "https")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(behindTls.headers().firstValue("Strict-Transport-Security"))
                .hasValue("max-age=31536000 ; includeSubDomains");
    }

    @Test
    void the_api_and_the_card_pages_have_their_headers_too() throws Exception {
        HttpResponse<String> api = get("/api/v1/stores/none/invoices");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Content-Security-Policy"))
                .hasValue("default-src 'none'; frame-ancestors 'none'");
        assertThat(api.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");

        HttpResponse<String> balance = get("/boltcard/balance?p=00&c=00");
        assertThat(balance.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(policy -> assertThat(policy).contains("frame-ancestors 'none'"));
    }

    @Test
    void the_authorize_page_may_post_only_to_the_applications_origin() throws Exception {
        HttpResponse<String> withRedirect = get("/api-keys/authorize?applicationName=x&redirect="
                + URLEncoder.encode("https://Shop.Example:8443/btcpay/keys?x=1", StandardCharsets.UTF_8));
        assertThat(withRedirect.headers().firstValue("Content-Security-Policy").orElseThrow())
                .matches(".*; form-action 'self' http://127\\.0\\.0\\.1:[0-9]+ https://shop\\.example:8443$");

        HttpResponse<String> relative = get("/api-keys/authorize?redirect=%2Fsomewhere");
        assertThat(relative.headers().firstValue("Content-Security-Policy").orElseThrow())
                .as("only this portal and the identity provider")
                .matches(".*; form-action 'self' http://127\\.0\\.0\\.1:[0-9]+$");
    }

    @Test
    void a_checkout_shows_in_the_shops_frame_only_once_the_store_lists_the_shop() throws Exception {
        Merchant store = merchants.create(NewMerchant.withDefaults("Framed shop " + System.nanoTime(), "BTC"));
        Invoice invoice = invoice(store);
        HttpResponse<String> unlisted = get("/i/" + invoice.id());
        assertThat(unlisted.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("frame-ancestors 'none'");

        browser = Browser.start();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        browser.get(shopOrigin + "/" + invoice.id());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("shop")));
        Thread.sleep(2_000); // give a refused frame the time a shown one takes to render its status
        browser.switchTo().frame("checkout");
        assertThat(browser.findElements(By.id("checkout-status")))
                .as("the browser refuses to show the checkout inside a site the store did not list")
                .isEmpty();
        browser.switchTo().defaultContent();

        merchants.setCheckoutFrameAncestors(store.id(), shopOrigin);
        HttpResponse<String> listed = get("/i/" + invoice.id());
        assertThat(listed.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("frame-ancestors 'self' " + shopOrigin);
        assertThat(listed.headers().firstValue("X-Frame-Options")).isEmpty();
        assertThat(get("/i/"
                                + invoice(merchants.create(
                                                NewMerchant.withDefaults("Other shop " + System.nanoTime(), "BTC")))
                                        .id())
                        .headers()
                        .firstValue("Content-Security-Policy")
                        .orElseThrow())
                .as("another store's checkout stays unframeable")
                .contains("frame-ancestors 'none'");

        browser.navigate().refresh();
        wait.until(ExpectedConditions.frameToBeAvailableAndSwitchToIt("checkout"));
        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("checkout-status")))
                        .getText())
                .isEqualTo("Waiting for payment");
        browser.switchTo().defaultContent();
        Browser.screenshot(browser, "checkout-framed-by-shop");
    }

    private Invoice invoice(Merchant store) {
        Instant now = Instant.now();
        return invoices.create(new NewInvoice(
                store.id(),
                50_000_000L,
                "BTC",
                null,
                null,
                "framed-1",
                "{}",
                SpeedPolicy.MEDIUM,
                0,
                100,
                now,
                now.plusSeconds(900),
                now.plusSeconds(3600)));
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(BrowserTestInitializer.baseUrl() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
