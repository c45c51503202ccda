package com.flash.backoffice.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.apikey.ApiKeyRepository;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.portal.FlashApplication;
import com.flash.backoffice.portal.testsupport.Browser;
import com.flash.backoffice.portal.testsupport.BrowserTestInitializer;
import com.flash.backoffice.portal.testsupport.TestServersInitializer;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * BTCPay's authorize flow end to end, as an integration uses it: the application sends the browser to
 * {@code /api-keys/authorize}, the ADMIN logs in through real Keycloak and approves, and the application's own HTTP
 * endpoint receives the key in a form POST and uses it on the Greenfield API.
 */
@SpringBootTest(classes = FlashApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ContextConfiguration(initializers = {TestServersInitializer.class, BrowserTestInitializer.class})
class ApiKeyAuthorizeBrowserIT {

    @Autowired
    MerchantRepository merchants;

    @Autowired
    ApiKeyRepository keys;

    private ChromeDriver browser;
    private HttpServer application;

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
        if (application != null) {
            application.stop(0);
        }
    }

    @Test
    void an_application_asks_an_admin_approves_and_the_application_receives_a_working_key() throws Exception {
        Merchant store = merchants.create(NewMerchant.withDefaults("Authorized shop " + System.nanoTime(), "BTC"));
        CompletableFuture<String> received = new CompletableFuture<>();
        application = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        application.createContext("/btcpay/callback", exchange -> {
            received.complete(exchange.getRequestMethod() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] page =
                    "<html><body><p id='received'>Key received</p></body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        application.start();
        String redirect = "http://127.0.0.1:" + application.getAddress().getPort() + "/btcpay/callback";

        browser = Browser.start();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        browser.get(BrowserTestInitializer.baseUrl() + "/api-keys/authorize?applicationName=Test+shop"
                + "&permissions=btcpay.store.canviewinvoices&permissions=btcpay.store.cancreateinvoice&redirect="
                + URLEncoder.encode(redirect, StandardCharsets.UTF_8));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")))
                .sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys("admin");
        browser.findElement(By.id("kc-login")).click();

        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("authorize-title")))
                        .getText())
                .isEqualTo("Authorize Test shop");
        Browser.screenshot(browser, "api-key-authorize");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("authorize-approve")))
                .click();

        String post = received.get(60, TimeUnit.SECONDS);
        assertThat(post).startsWith("POST ");
        Map<String, List<String>> form = formFields(post.substring("POST ".length()));
        assertThat(form.get("userId")).containsExactly("admin");
        assertThat(form.get("permissions[]"))
                .containsExactly("btcpay.store.canviewinvoices", "btcpay.store.cancreateinvoice");
        String apiKey = form.get("apiKey").get(0);
        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("received")))
                        .getText())
                .isEqualTo("Key received");
        assertThat(browser.getCurrentUrl())
                .as("the key travels in the body, not the address")
                .doesNotContain(apiKey);

        HttpResponse<String> invoices = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(BrowserTestInitializer.baseUrl() + "/api/v1/stores/"
                                        + store.id() + "/invoices"))
                                .header("Authorization", "token " + apiKey)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(invoices.statusCode()).isEqualTo(200);
        assertThat(keys.findActiveByPlaintext(apiKey).orElseThrow().label()).isEqualTo("Test shop");
    }

    private static Map<String, List<String>> formFields(String body) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            String[] parts = pair.split("=", 2);
            fields.computeIfAbsent(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), name -> new ArrayList<>())
                    .add(URLDecoder.decode(parts.length > 1 ? parts[1] : "", StandardCharsets.UTF_8));
        }
        return fields;
    }
}
