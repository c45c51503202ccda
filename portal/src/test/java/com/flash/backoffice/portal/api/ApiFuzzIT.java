package com.flash.backoffice.portal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import com.flash.backoffice.db.apikey.ApiKeyRepository;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Property-based fuzzing (jqwik's generators) of every REST route and public endpoint: 10,000 requests with junk
 * path values, query parameters, bodies, content types, methods and callers. No answer may be a server error, and a
 * refused request (4xx) may not write: after each one the rows a request can write for the fuzzed store and keys
 * (invoices and their addresses and Lightning invoices, webhooks, payouts, refunds, idempotency records, audit entries)
 * are counted again.
 */
@PortalSpringTest
class ApiFuzzIT {

    static final int CASES = 10_000;

    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}]+)}");
    private static final List<String> FIELDS = List.of(
            "amount",
            "currency",
            "metadata",
            "checkout",
            "url",
            "secret",
            "enabled",
            "authorizedEvents",
            "destination",
            "payoutMethodId",
            "refundVariant",
            "paymentMethod",
            "customAmount",
            "customCurrency",
            "subtractPercentage",
            "status",
            "revision",
            "name",
            "description",
            "orderId",
            "expirationMinutes");
    private static final List<String> QUERY_NAMES = List.of(
            "from",
            "to",
            "format",
            "storeId",
            "skip",
            "take",
            "status",
            "orderId",
            "textSearch",
            "startDate",
            "endDate",
            "k1",
            "pr",
            "p",
            "c",
            "amount",
            "pin",
            "pin-repeated",
            "price",
            "jsonResponse",
            "browserRedirect",
            "checkoutDesc");
    private static final List<String> NASTY = List.of(
            "",
            " ",
            "null",
            "undefined",
            "-1",
            "0",
            "1e999",
            "-0.0000000001",
            "NaN",
            "Infinity",
            "9223372036854775808",
            "' OR 1=1 --",
            "\"; DROP TABLE invoice; --",
            "../../../etc/passwd",
            "%00",
            "\u0000",
            "<script>alert(1)</script>",
            "${jndi:ldap://127.0.0.1/x}",
            "lnbc1",
            "lnurl1",
            "bc1q",
            "{}",
            "[]",
            "\uD83D\uDCA9",
            "x".repeat(5_000));

    @Autowired
    WebApplicationContext web;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMapping;

    @Autowired
    MerchantRepository merchants;

    @Autowired
    ApiKeyRepository keys;

    @Autowired
    DSLContext dsl;

    record Caller(String name, String apiKey) {}

    record Case(
            String method,
            String template,
            List<String> pathValues,
            List<String> query,
            String contentType,
            String body,
            int caller,
            int client,
            String note) {

        Case withNote(String note) {
            return new Case(method, template, pathValues, query, contentType, body, caller, client, note);
        }
    }

    @Test
    void ten_thousand_malformed_requests_get_no_server_error_and_refused_ones_write_nothing() throws Exception {
        Merchant store = merchants.create(NewMerchant.withDefaults("Fuzz shop " + System.nanoTime(), "BTC"));
        merchants.setAnyoneCanCreateInvoice(store.id(), true);
        Merchant other = merchants.create(NewMerchant.withDefaults("Fuzz other " + System.nanoTime(), "BTC"));
        List<Caller> callers = List.of(
                new Caller("anonymous", null),
                new Caller("full key", key("fuzz full", store.id(), "btcpay.store.canmodifystoresettings")),
                new Caller("key without permissions", key("fuzz none", store.id())),
                new Caller(
                        "key of another store", key("fuzz other", other.id(), "btcpay.store.canmodifystoresettings")),
                new Caller("report key", key("fuzz reports", null, "btcpay.store.canviewreports")));
        List<String> routes = routes();
        MockMvc mvc =
                MockMvcBuilders.webAppContextSetup(web).apply(springSecurity()).build();

        Iterator<Case> cases =
                cases(routes, callers.size()).sampleStream().limit(CASES).iterator();
        List<String> serverErrors = new ArrayList<>();
        List<String> refusedWrites = new ArrayList<>();
        int refused = 0;
        int accepted = 0;
        int toVaadin = 0;
        long rows = rowsWritable(store.id());
        for (int i = 0; i < CASES; i++) {
            Case fuzz = cases.next();
            int status;
            try {
                var response = mvc.perform(toRequest(fuzz, store.id(), callers.get(fuzz.caller())))
                        .andReturn()
                        .getResponse();
                status = response.getStatus();
                if (status >= 500) {
                    fuzz = fuzz.withNote("answered " + shortened(response.getContentAsString()) + " error message "
                            + response.getErrorMessage());
                }
            } catch (Exception unhandled) {
                if (leftToVaadin(unhandled)) {
                    // a path no controller has (a value with %2F decoded into it): MockMvc has no Vaadin servlet to
                    // hand it to; a real server refuses the encoded slash (Tomcat: 400) or Vaadin answers 404
                    toVaadin++;
                    continue;
                }
                // what a servlet container answers 500 to
                status = 500;
                fuzz = fuzz.withNote(rootCause(unhandled));
            }
            long after = rowsWritable(store.id());
            if (status >= 500) {
                serverErrors.add(status + " " + describe(fuzz, callers));
            } else if (status >= 400) {
                refused++;
                if (after != rows) {
                    refusedWrites.add(status + " wrote " + (after - rows) + " rows: " + describe(fuzz, callers));
                }
            } else {
                accepted++;
            }
            rows = after;
        }

        System.out.printf(
                "API fuzz: %,d requests over %d routes: %,d refused (4xx), %,d accepted, %,d to no controller (Vaadin's"
                        + " router), %d server errors, %d refused requests that wrote%n",
                CASES, routes.size(), refused, accepted, toVaadin, serverErrors.size(), refusedWrites.size());
        serverErrors.stream().limit(40).forEach(error -> System.out.println("FUZZ SERVER ERROR " + error));
        refusedWrites.stream().limit(40).forEach(write -> System.out.println("FUZZ REFUSED WRITE " + write));
        assertThat(serverErrors).as("answers of 500 or more").isEmpty();
        assertThat(refusedWrites).as("refused requests that changed rows").isEmpty();
        assertThat(refused + accepted + toVaadin).isEqualTo(CASES);
        assertThat(toVaadin).as("almost every request reaches a controller").isLessThan(CASES / 100);
    }

    /** The REST routes and public endpoints, as "METHOD template", and a few paths no route has. */
    private List<String> routes() {
        TreeSet<String> routes = new TreeSet<>(List.of("GET /api/v1/unknown/{x}", "POST /api/v1/stores/{storeId}"));
        handlerMapping.getHandlerMethods().forEach((RequestMappingInfo info, HandlerMethod handler) -> {
            if (handler.getBeanType() == UnknownApiRoutes.class || info.getPathPatternsCondition() == null) {
                return;
            }
            for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
                info.getMethodsCondition().getMethods().forEach(method -> routes.add(method.name() + " " + pattern));
            }
        });
        return List.copyOf(routes);
    }

    private static Arbitrary<Case> cases(List<String> routes, int callers) {
        Arbitrary<String> junk = Arbitraries.<String>oneOf(
                Arbitraries.of(NASTY),
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(64),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.bigDecimals().map(String::valueOf));
        Arbitrary<String> jsonValue = Arbitraries.<String>oneOf(
                junk.map(ApiFuzzIT::jsonString),
                Arbitraries.of("-1", "0", "1e999", "true", "null", "{}", "[]", "[1,2]", "{\"a\":{\"b\":[{}]}}"),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf));
        Arbitrary<String> object = Combinators.combine(Arbitraries.of(FIELDS), jsonValue)
                .as((field, value) -> "\"" + field + "\":" + value)
                .list()
                .ofMinSize(1)
                .ofMaxSize(5)
                .map(fields -> "{" + String.join(",", fields) + "}");
        Arbitrary<String> body = Arbitraries.<String>oneOf(
                object,
                object.map(json -> json.substring(0, Math.max(1, json.length() / 2))),
                jsonValue,
                junk,
                Arbitraries.just(""),
                Arbitraries.just("[" + "[".repeat(2_000) + "]".repeat(2_000) + "]"));
        Arbitrary<String> queryPair =
                Combinators.combine(Arbitraries.of(QUERY_NAMES), junk).as((name, value) -> name + "=" + value);
        return Combinators.combine(
                        Arbitraries.of(routes),
                        Arbitraries.<String>frequencyOf(
                                Tuple.of(8, Arbitraries.just("")),
                                Tuple.of(2, Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"))),
                        junk.list().ofSize(4),
                        queryPair.list().ofMaxSize(4),
                        Arbitraries.of(
                                "application/json",
                                "application/x-www-form-urlencoded",
                                "text/plain",
                                "application/xml",
                                ""),
                        body,
                        Arbitraries.integers().between(0, callers - 1),
                        Arbitraries.integers().between(1, 60_000))
                .as((route, otherMethod, pathValues, query, contentType, payload, caller, client) -> {
                    String[] parts = route.split(" ", 2);
                    return new Case(
                            otherMethod.isEmpty() ? parts[0] : otherMethod,
                            parts[1],
                            pathValues,
                            query,
                            contentType,
                            payload,
                            caller,
                            client,
                            "");
                });
    }

    private static MockHttpServletRequestBuilder toRequest(Case fuzz, String storeId, Caller caller) {
        Matcher variables = PATH_VARIABLE.matcher(fuzz.template());
        StringBuilder path = new StringBuilder();
        int next = 0;
        while (variables.find()) {
            String value = variables.group(1).equals("storeId") && fuzz.client() % 2 == 0
                    ? storeId
                    : fuzz.pathValues().get(next++ % fuzz.pathValues().size());
            variables.appendReplacement(path, Matcher.quoteReplacement(encodeSegment(value)));
        }
        variables.appendTail(path);
        UriComponentsBuilder uri =
                UriComponentsBuilder.fromUriString("http://localhost").path(path.toString());
        for (String pair : fuzz.query()) {
            String[] nameValue = pair.split("=", 2);
            uri.queryParam(encodeSegment(nameValue[0]), encodeSegment(nameValue[1]));
        }
        MockHttpServletRequestBuilder request = request(
                HttpMethod.valueOf(fuzz.method()), URI.create(uri.build(true).toUriString()));
        if (!fuzz.contentType().isEmpty()) {
            request.contentType(fuzz.contentType());
        }
        request.content(fuzz.body());
        if (caller.apiKey() != null) {
            request.header("Authorization", "token " + caller.apiKey());
        }
        if (fuzz.client() % 3 == 0) {
            request.header(
                    "Idempotency-Key",
                    fuzz.pathValues().get(fuzz.client() % fuzz.pathValues().size()));
        }
        int client = fuzz.client();
        return request.with(sent -> {
            sent.setRemoteAddr("10." + (client >> 16) + "." + ((client >> 8) & 255) + "." + (client & 255));
            return sent;
        });
    }

    private static String encodeSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String jsonString(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private String key(String label, String storeId, String... permissions) {
        return keys.create(label + " " + System.nanoTime(), storeId, List.of(permissions), "fuzz")
                .plaintextKey();
    }

    /**
     * The rows a request can write for the store (its invoices, their addresses and Lightning invoices, webhooks,
     * payouts, refunds), and the fuzz keys' idempotency records and audit entries; what workflows write later (events,
     * ledger entries) is left out, as it follows an accepted request, not a refused one.
     */
    private long rowsWritable(String storeId) {
        return dsl.resultQuery(
                        "SELECT (SELECT COUNT(*) FROM invoice WHERE merchant_id = ?)"
                                + " + (SELECT COUNT(*) FROM invoice_address WHERE merchant_id = ?)"
                                + " + (SELECT COUNT(*) FROM invoice_lightning l JOIN invoice i ON i.id = l.invoice_id"
                                + " WHERE i.merchant_id = ?)"
                                + " + (SELECT COUNT(*) FROM webhook WHERE merchant_id = ?)"
                                + " + (SELECT COUNT(*) FROM payout WHERE merchant_id = ?)"
                                + " + (SELECT COUNT(*) FROM refund WHERE merchant_id = ?)"
                                + " + (SELECT COUNT(*) FROM api_idempotency q JOIN api_key k ON k.id = q.api_key_id"
                                + " WHERE k.created_by = 'fuzz')"
                                + " + (SELECT COUNT(*) FROM audit_log a JOIN api_key k ON a.actor = CONCAT('apikey:', k.id)"
                                + " WHERE k.created_by = 'fuzz')",
                        storeId,
                        storeId,
                        storeId,
                        storeId,
                        storeId,
                        storeId)
                .fetchOne(0, Long.class);
    }

    private static String describe(Case fuzz, List<Caller> callers) {
        String body = shortened(fuzz.body());
        return fuzz.method() + " " + fuzz.template() + " "
                + fuzz.pathValues().stream().map(ApiFuzzIT::shortened).toList()
                + " ?" + fuzz.query().stream().map(ApiFuzzIT::shortened).toList() + " ["
                + fuzz.contentType() + "] " + body + " as "
                + callers.get(fuzz.caller()).name()
                + (fuzz.note().isEmpty() ? "" : ": " + fuzz.note());
    }

    private static boolean leftToVaadin(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (String.valueOf(cause.getMessage()).contains("No servlet with name 'springServlet'")) {
                return true;
            }
        }
        return false;
    }

    private static String shortened(String value) {
        return value.length() > 60 ? value.substring(0, 60) + "…(" + value.length() + ")" : value;
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getClass().getSimpleName() + ": " + root.getMessage();
        return message.length() > 300 ? message.substring(0, 300) : message;
    }
}
