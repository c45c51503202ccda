package com.flash.backoffice.portal.api;

import com.flash.backoffice.db.api.IdempotencyRepository;
import com.flash.backoffice.db.support.AsciiKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * {@code Idempotency-Key} on API writes: the first successful response per (API key, client key) is stored
 * and replayed byte for byte for 24 h when the same body comes again; the same key with another body is
 * refused (422), and while the first request still runs a repeat gets 409. A request claims its key with a
 * lease of {@link #LEASE}: one that died holding it (a crashed instance) frees it when the lease ends. A failed
 * request that created nothing frees its key; one that failed after its resource was committed (the write
 * records it through {@link IdempotencyClaim#created} in that transaction) ends its lease, and the retry is given
 * that resource to finish and return instead of creating a second one.
 */
@Component
public class ApiIdempotency {

    private static final Logger LOG = LoggerFactory.getLogger(ApiIdempotency.class);

    public static final String HEADER = "Idempotency-Key";
    static final Duration LIFETIME = Duration.ofHours(24);
    static final Duration LEASE = Duration.ofMinutes(2);
    static final int MAX_KEY_LENGTH = 190;

    private final IdempotencyRepository repository;
    private final Clock clock = Clock.systemUTC();

    ApiIdempotency(IdempotencyRepository repository) {
        this.repository = repository;
    }

    /**
     * Runs {@code write} (which returns the status and JSON body of a success, or throws) at most once per
     * key and body. Without a key, or without an API key principal, it just runs.
     */
    public ResponseEntity<String> once(
            String idempotencyKey, String requestBody, Function<IdempotencyClaim, Response> write) {
        Optional<String> apiKeyId = StorePermissions.currentKey().map(k -> k.id());
        if (idempotencyKey == null || apiKeyId.isEmpty()) {
            return write.apply(IdempotencyClaim.none()).toEntity();
        }
        if (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY_LENGTH) {
            throw ApiException.validation(HEADER, "Give at most " + MAX_KEY_LENGTH + " characters.");
        }
        if (!AsciiKeys.couldBeKey(idempotencyKey)) {
            throw ApiException.validation(HEADER, "Use printable ASCII characters only (a UUID, for example).");
        }
        String apiKey = apiKeyId.get();
        String hash = sha256(requestBody == null ? "" : requestBody);
        Instant now = clock.instant();
        String createdBefore = null;
        if (!repository.claim(apiKey, idempotencyKey, hash, now, now.plus(LEASE))) {
            IdempotencyRepository.StoredResponse stored =
                    repository.find(apiKey, idempotencyKey).orElseThrow(() -> inProgress());
            if (stored.createdAt().plus(LIFETIME).isBefore(now)) {
                repository.release(apiKey, idempotencyKey);
                return once(idempotencyKey, requestBody, write);
            }
            if (!stored.requestHash().equals(hash)) {
                throw ApiException.of(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "idempotency-key-reused",
                        "This Idempotency-Key was used with a different request body in the last 24 hours.");
            }
            if (stored.statusCode() != null) {
                return new Response(stored.statusCode(), stored.responseBody()).toEntity();
            }
            if (!stored.abandoned(now) || !repository.takeOver(apiKey, idempotencyKey, now, now.plus(LEASE))) {
                throw inProgress();
            }
            createdBefore = stored.resourceId();
        }
        Response response;
        try {
            response = write.apply(new IdempotencyClaim(
                    createdBefore, resourceId -> repository.recordResource(apiKey, idempotencyKey, resourceId)));
        } catch (RuntimeException e) {
            try {
                boolean createdSomething = repository
                        .find(apiKey, idempotencyKey)
                        .map(IdempotencyRepository.StoredResponse::resourceId)
                        .isPresent();
                if (createdSomething) {
                    repository.endLease(apiKey, idempotencyKey);
                } else {
                    repository.release(apiKey, idempotencyKey);
                }
            } catch (RuntimeException unreleased) {
                // the lease then lapses by itself; the caller learns of the first failure
                e.addSuppressed(unreleased);
            }
            throw e;
        }
        try {
            repository.complete(apiKey, idempotencyKey, response.status(), response.json());
        } catch (RuntimeException e) {
            // the write committed: its answer stands. A retry with the key takes over the lapsed lease and gets
            // the same resource back (IdempotencyClaim#createdBefore)
            LOG.warn("Idempotency-Key answer not stored ({}); a retry returns the same resource", e.toString());
        }
        return response.toEntity();
    }

    private static ApiException inProgress() {
        return ApiException.of(
                HttpStatus.CONFLICT,
                "idempotency-key-in-progress",
                "A request with this Idempotency-Key is still being processed; retry later.");
    }

    static String sha256(String body) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A successful write's answer as it is sent and stored. */
    public record Response(int status, String json) {
        ResponseEntity<String> toEntity() {
            return ResponseEntity.status(status)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(json);
        }
    }
}
