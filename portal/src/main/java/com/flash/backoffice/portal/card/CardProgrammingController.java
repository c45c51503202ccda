package com.flash.backoffice.portal.card;

import com.flash.backoffice.portal.api.PublicRateLimiter;
import com.flash.backoffice.portal.lnurl.LnurlApi;
import com.flash.backoffice.portal.lnurl.LnurlLimits;
import com.flash.backoffice.portal.lnurl.LnurlWithdrawAnswer;
import com.flash.backoffice.workflows.card.ProgrammingAnswer;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The keys request of Bolt Card's deeplinks (DEEPLINK.md): the programming app POSTs {@code {"UID"}} or
 * {@code {"LNURLW"}} and gets {@code {"LNURLW","K0".."K4"}}; a refusal is a 4xx with LNURL's
 * {@code {"status":"ERROR","reason"}}.
 */
@RestController
@LnurlApi
class CardProgrammingController {

    private final CardProgrammingService programming;
    private final PublicRateLimiter limiter;
    private final JsonMapper json = JsonMapper.builder().build();

    CardProgrammingController(CardProgrammingService programming, PublicRateLimiter limiter) {
        this.programming = programming;
        this.limiter = limiter;
    }

    @PostMapping(BoltCardPaths.PROGRAM + "{token}")
    ResponseEntity<?> keys(
            @PathVariable String token, @RequestBody(required = false) String body, HttpServletRequest request) {
        var limited = LnurlLimits.refusal(limiter, BoltCardController.RATE_GROUP, request);
        if (limited.isPresent()) {
            return limited.get();
        }
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JacksonException notJson) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            return ResponseEntity.badRequest()
                    .body(LnurlWithdrawAnswer.error("The body must be JSON: {\"UID\": ...} or {\"LNURLW\": ...}"));
        }
        ProgrammingAnswer answer = programming.keys(token, text(root, "UID"), text(root, "LNURLW"));
        return switch (answer) {
            case ProgrammingAnswer.Keys keys -> {
                Map<String, String> out = new LinkedHashMap<>();
                out.put("LNURLW", keys.lnurlw());
                out.put("K0", keys.k0());
                out.put("K1", keys.k1());
                out.put("K2", keys.k2());
                out.put("K3", keys.k3());
                out.put("K4", keys.k4());
                yield ResponseEntity.ok(out);
            }
            case ProgrammingAnswer.Refused refused ->
                ResponseEntity.status(refused.httpStatus()).body(LnurlWithdrawAnswer.error(refused.reason()));
        };
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        // an object or a list where text belongs is no UID or LNURLW: as good as missing
        return node == null || !node.isValueNode() || node.isNull() ? null : node.asString();
    }
}
