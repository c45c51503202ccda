package com.flash.backoffice.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.chain.InvoiceAddress;
import com.flash.backoffice.db.chain.InvoiceAddressRepository;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** Each demo user through real Keycloak and headless Chromium: log in, see their menu, be refused, log out. */
@SpringBootTest(classes = FlashApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ContextConfiguration(initializers = {TestServersInitializer.class, BrowserTestInitializer.class})
class StaffLoginBrowserIT {

    @Autowired
    MerchantRepository merchants;

    @Autowired
    InvoiceRepository invoices;

    @Autowired
    InvoiceAddressRepository addresses;

    private ChromeDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    static Stream<Arguments> demoUsers() {
        return Stream.of(
                Arguments.of(
                        "finance",
                        List.of(
                                "Dashboard",
                                "Merchants",
                                "Invoices",
                                "Payouts",
                                "Exchange rates",
                                "Refunds",
                                "Flash cards",
                                "Card activations",
                                "Settlement schedules",
                                "On-chain batches",
                                "Receipts to resolve",
                                "Reports",
                                "Scheduled reports",
                                "Approvals",
                                "Workflows"),
                        "/audit"),
                Arguments.of("marketing", List.of("Dashboard", "Workflows"), "/invoices"),
                Arguments.of(
                        "support",
                        List.of(
                                "Dashboard",
                                "Merchants",
                                "Invoices",
                                "Payouts",
                                "Refunds",
                                "Flash cards",
                                "Card activations",
                                "Receipts to resolve",
                                "Workflows"),
                        "/rates"),
                Arguments.of(
                        "accountant",
                        List.of(
                                "Dashboard",
                                "Invoices",
                                "Payouts",
                                "Refunds",
                                "Flash cards",
                                "Settlement schedules",
                                "On-chain batches",
                                "Reports",
                                "Scheduled reports",
                                "Workflows",
                                "Audit log"),
                        "/merchants"),
                Arguments.of(
                        "admin",
                        List.of(
                                "Dashboard",
                                "Merchants",
                                "Invoices",
                                "Payouts",
                                "Exchange rates",
                                "Refunds",
                                "Flash cards",
                                "Card activations",
                                "Settlement schedules",
                                "On-chain batches",
                                "Receipts to resolve",
                                "Reports",
                                "Scheduled reports",
                                "Approvals",
                                "Workflows",
                                "API keys",
                                "Audit log"),
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("demoUsers")
    void a_demo_user_logs_in_sees_exactly_their_menu_is_refused_elsewhere_and_logs_out(
            String user, List<String> menu, String forbiddenPath) {
        browser = Browser.start();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        String portal = BrowserTestInitializer.baseUrl();

        browser.get(portal + "/");
        logIn(wait, user);

        WebElement nav = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("main-menu")));
        wait.until(
                driver -> nav.findElements(By.tagName("vaadin-side-nav-item")).size() == menu.size());
        List<String> labels = nav.findElements(By.tagName("vaadin-side-nav-item")).stream()
                .map(item -> item.getText().strip())
                .toList();
        assertThat(labels).containsExactlyElementsOf(menu);
        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("current-user")))
                        .getText())
                .contains(user.toUpperCase());
        Browser.screenshot(browser, user + "-dashboard");

        if (forbiddenPath != null) {
            browser.get(portal + forbiddenPath);
            assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("access-denied")))
                            .getText())
                    .contains("Access denied");
            Browser.screenshot(browser, user + "-refused");
        } else {
            browser.get(portal + "/audit");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("audit-grid")));
        }

        wait.until(ExpectedConditions.elementToBeClickable(By.id("logout"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kc-login")));
        browser.get(portal + "/dashboard");
        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kc-login"))))
                .as("after logout the portal asks to log in again")
                .isNotNull();
    }

    @Test
    void a_customer_opens_the_checkout_link_without_logging_in_and_sees_what_to_pay() {
        Merchant merchant = merchants.create(NewMerchant.withDefaults("Checkout shop " + UUID.randomUUID(), "USD"));
        Instant now = Instant.now();
        Invoice invoice = invoices.create(new NewInvoice(
                merchant.id(),
                50_000_000L,
                "BTC",
                null,
                null,
                "A-1",
                "{}",
                SpeedPolicy.MEDIUM,
                0,
                100,
                now,
                now.plus(Duration.ofMinutes(15)),
                now.plus(Duration.ofHours(24))));
        // index 1 of the BIP84 test key: index 0 is what InvoicesIT allocates for its keyed merchant
        addresses.insert(
                new InvoiceAddress("bc1qnjg0jd8228aq7egyzacy8cys3knf9xvrerkf9g", invoice.id(), merchant.id(), 0, now));
        browser = Browser.start();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));

        browser.get(BrowserTestInitializer.baseUrl() + "/i/" + invoice.id());

        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("checkout-status")))
                        .getText())
                .isEqualTo("Waiting for payment");
        assertThat(browser.findElement(By.id("checkout-amount")).getText()).contains("0.00050000 BTC");
        assertThat(browser.findElement(By.id("checkout-qr-unified")).getDomAttribute("data-uri"))
                .matches("bitcoin:BC1QNJG0JD8228AQ7EGYZACY8CYS3KNF9XVRERKF9G\\?amount=0\\.0005&lightning=LN[0-9A-Z]+");
        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("checkout-countdown")))
                        .getText())
                .startsWith("Expires in 1");
        assertThat(browser.findElements(By.id("kc-login"))).isEmpty();
        Browser.screenshot(browser, "checkout");
    }

    private void logIn(WebDriverWait wait, String user) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")))
                .sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(user);
        browser.findElement(By.id("kc-login")).click();
    }
}
