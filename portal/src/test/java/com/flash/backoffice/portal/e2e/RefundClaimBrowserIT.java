package com.flash.backoffice.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.refund.Refund;
import com.flash.backoffice.db.refund.RefundOrigin;
import com.flash.backoffice.db.refund.RefundRepository;
import com.flash.backoffice.db.refund.RefundState;
import com.flash.backoffice.db.refund.RefundVariant;
import com.flash.backoffice.db.testsupport.PaidInvoices;
import com.flash.backoffice.portal.FlashApplication;
import com.flash.backoffice.portal.refund.RefundDraft;
import com.flash.backoffice.portal.refund.RefundService;
import com.flash.backoffice.portal.refund.RefundStartOutcome;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.testsupport.Browser;
import com.flash.backoffice.portal.testsupport.BrowserTestInitializer;
import com.flash.backoffice.portal.testsupport.TestServersInitializer;
import com.flash.backoffice.workflows.lightning.LightningNode;
import com.flash.backoffice.workflows.lightning.SimulatedLightningNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.ContextConfiguration;

/**
 * The customer's claim page in Chromium at a phone's size: the refund SUPPORT approved shows its amount and an
 * LNURL-withdraw QR code; a wallet that reads it (LUD-03 over HTTP) is paid, and the open page says so.
 */
@SpringBootTest(classes = FlashApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ContextConfiguration(initializers = {TestServersInitializer.class, BrowserTestInitializer.class})
class RefundClaimBrowserIT {

    private static final Pattern K1 = Pattern.compile("\"k1\"\\s*:\\s*\"([0-9a-f]{64})\"");
    private static final Pattern CALLBACK = Pattern.compile("\"callback\"\\s*:\\s*\"([^\"]+)\"");

    @Autowired
    RefundService service;

    @Autowired
    RefundRepository refunds;

    @Autowired
    LightningNode node;

    @Autowired
    DSLContext dsl;

    private ChromeDriver browser;

    @AfterEach
    void close() {
        SecurityContextHolder.clearContext();
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void the_customer_opens_the_claim_link_on_a_phone_a_wallet_withdraws_and_the_page_says_paid() throws Exception {
        PaidInvoices paid = new PaidInvoices(dsl);
        Merchant merchant = paid.merchantWithBalance(100_000_000);
        Invoice invoice = paid.settled(merchant.id(), 10_000_000, 10_000_000, new BigDecimal("50000"), null);
        Refund refund = approvedBySupport(invoice);

        browser = Browser.start();
        browser.manage().window().setSize(new Dimension(390, 844));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        browser.get(BrowserTestInitializer.baseUrl() + "/refunds/claim/" + refund.claimToken());

        assertThat(wait.until(
                        ExpectedConditions.textToBePresentInElementLocated(By.id("refund-status"), "Ready to claim")))
                .isTrue();
        assertThat(browser.findElement(By.id("refund-amount")).getText()).isEqualTo("0.00010000 BTC (10,000 sat)");
        WebElement qr = browser.findElement(By.id("refund-qr"));
        String lnurl = qr.getAttribute("data-lnurl");
        assertThat(lnurl).startsWith("LNURL1");
        assertThat(qr.getAttribute("src")).startsWith("data:image/svg+xml");
        assertThat(browser.findElement(By.id("refund-open-wallet")).getAttribute("href"))
                .isEqualTo("lightning:" + lnurl);
        Browser.screenshot(browser, "refund-claim-phone");

        HttpClient wallet = HttpClient.newHttpClient();
        String withdrawRequest =
                fetch(wallet, BrowserTestInitializer.baseUrl() + "/lnurlw/refund/" + refund.claimToken());
        assertThat(withdrawRequest).contains("\"tag\":\"withdrawRequest\"", "\"maxWithdrawable\":10000000");
        String invoiceOfTheWallet = ((SimulatedLightningNode) node).foreignInvoice(10_000_000, Duration.ofMinutes(10));
        String answer = fetch(
                wallet,
                group(CALLBACK, withdrawRequest) + "?k1=" + group(K1, withdrawRequest) + "&pr="
                        + URLEncoder.encode(invoiceOfTheWallet, StandardCharsets.UTF_8));
        assertThat(answer).contains("\"status\":\"OK\"");

        assertThat(wait.until(ExpectedConditions.textToBePresentInElementLocated(
                        By.id("refund-status"), "Paid. The refund is in your wallet.")))
                .isTrue();
        assertThat(browser.findElements(By.id("refund-qr")))
                .as("nothing left to scan")
                .isEmpty();
        assertThat(refunds.findById(refund.id()).orElseThrow().state()).isEqualTo(RefundState.COMPLETED);
        Browser.screenshot(browser, "refund-claim-paid");
    }

    private Refund approvedBySupport(Invoice invoice) throws InterruptedException {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "sue", "n/a", List.of(new SimpleGrantedAuthority(Role.SUPPORT.authority()))));
        RefundStartOutcome outcome = service.start(
                invoice.id(), RefundDraft.of(RefundVariant.RATE_THEN, "returned the goods"), RefundOrigin.PORTAL);
        SecurityContextHolder.clearContext();
        assertThat(outcome).isInstanceOf(RefundStartOutcome.Created.class);
        String id = ((RefundStartOutcome.Created) outcome).refund().id();
        long until = System.currentTimeMillis() + 20_000;
        while (refunds.findById(id).orElseThrow().state() != RefundState.AWAITING_CLAIM) {
            assertThat(System.currentTimeMillis())
                    .as("the refund awaits its claim")
                    .isLessThan(until);
            Thread.sleep(50);
        }
        return refunds.findById(id).orElseThrow();
    }

    private static String fetch(HttpClient client, String url) throws Exception {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + " " + response.body()).isEqualTo(200);
        return response.body();
    }

    private static String group(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as(pattern + " in " + text).isTrue();
        return matcher.group(1);
    }
}
