package com.flash.backoffice.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.portal.FlashApplication;
import com.flash.backoffice.portal.paybutton.PayButtonSnippet;
import com.flash.backoffice.portal.testsupport.Browser;
import com.flash.backoffice.portal.testsupport.BrowserTestInitializer;
import com.flash.backoffice.portal.testsupport.TestServersInitializer;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** A pay button pasted into a merchant's own page (served from another origin) opens a new invoice's checkout. */
@SpringBootTest(classes = FlashApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ContextConfiguration(initializers = {TestServersInitializer.class, BrowserTestInitializer.class})
class PayButtonBrowserIT {

    @Autowired
    MerchantRepository merchants;

    private ChromeDriver browser;
    private HttpServer merchantSite;

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
        if (merchantSite != null) {
            merchantSite.stop(0);
        }
    }

    @Test
    void a_customer_clicks_the_pay_button_on_the_merchants_page_and_lands_on_checkout() throws IOException {
        Merchant merchant = merchants.create(NewMerchant.withDefaults("Button shop " + UUID.randomUUID(), "BTC"));
        merchants.setAnyoneCanCreateInvoice(merchant.id(), true);
        String button = PayButtonSnippet.html(
                BrowserTestInitializer.baseUrl() + "/api/v1/invoices",
                merchant.id(),
                new BigDecimal("0.0007"),
                "BTC",
                "Pay with Bitcoin");
        byte[] page = ("<!doctype html><html><body><h1>Coffee beans</h1>" + button + "</body></html>")
                .getBytes(StandardCharsets.UTF_8);
        merchantSite = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        merchantSite.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        merchantSite.start();
        browser = Browser.start();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));

        browser.get("http://127.0.0.1:" + merchantSite.getAddress().getPort() + "/");
        browser.findElement(By.cssSelector("button[type=submit]")).click();

        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("checkout-status")))
                        .getText())
                .isEqualTo("Waiting for payment");
        assertThat(browser.getCurrentUrl()).startsWith(BrowserTestInitializer.baseUrl() + "/i/");
        assertThat(browser.findElement(By.id("checkout-amount")).getText()).contains("0.00070000 BTC");
        Browser.screenshot(browser, "pay-button-checkout");
    }
}
