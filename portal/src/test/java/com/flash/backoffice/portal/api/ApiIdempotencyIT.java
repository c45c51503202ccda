package com.flash.backoffice.portal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.api.IdempotencyRepository;
import com.flash.backoffice.db.apikey.ApiKey;
import com.flash.backoffice.db.apikey.ApiKeyRepository;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;

/** How a failed write leaves its Idempotency-Key, against the real table and transactions. */
@PortalSpringTest
class ApiIdempotencyIT {

    private final ApiIdempotency idempotency;
    private final IdempotencyRepository repository;
    private final TransactionTemplate transaction;
    private final ApiKeyRepository keys;
    private final MerchantRepository merchants;
    private ApiKey key;

    ApiIdempotencyIT(
            @Autowired ApiIdempotency idempotency,
            @Autowired IdempotencyRepository repository,
            @Autowired TransactionTemplate transaction,
            @Autowired ApiKeyRepository keys,
            @Autowired MerchantRepository merchants) {
        this.idempotency = idempotency;
        this.repository = repository;
        this.transaction = transaction;
        this.keys = keys;
        this.merchants = merchants;
    }

    @BeforeEach
    void actAsAnApiKey() {
        String store = merchants
                .create(NewMerchant.withDefaults("Idempotency store " + System.nanoTime(), "BTC"))
                .id();
        key = keys.findActiveByPlaintext(keys.create("test", store, List.of(StorePermissions.CREATE_INVOICE), "test")
                        .plaintextKey())
                .orElseThrow();
        SecurityContextHolder.getContext().setAuthentication(new ApiKeyAuthentication(key));
    }

    @AfterEach
    void clearAuthentication() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void a_write_that_failed_after_committing_its_resource_hands_that_resource_to_the_retry() {
        assertThatThrownBy(() -> idempotency.once("k-after-commit", "body", claim -> {
                    transaction.executeWithoutResult(status -> claim.created("inv-committed"));
                    throw new IllegalStateException("Temporal unreachable");
                }))
                .hasMessage("Temporal unreachable");

        IdempotencyRepository.StoredResponse left =
                repository.find(key.id(), "k-after-commit").orElseThrow();
        assertThat(left.resourceId()).isEqualTo("inv-committed");
        assertThat(left.statusCode()).isNull();
        assertThat(left.leaseUntil()).as("the lease ended at once").isNull();

        List<Optional<String>> handedOver = new ArrayList<>();
        ResponseEntity<String> retried = idempotency.once("k-after-commit", "body", claim -> {
            handedOver.add(claim.createdBefore());
            return new ApiIdempotency.Response(200, "{\"id\":\"inv-committed\"}");
        });

        assertThat(handedOver).containsExactly(Optional.of("inv-committed"));
        assertThat(retried.getBody()).isEqualTo("{\"id\":\"inv-committed\"}");
        assertThat(repository.find(key.id(), "k-after-commit").orElseThrow().statusCode())
                .isEqualTo(200);
    }

    @Test
    void a_write_whose_transaction_rolled_back_frees_its_key_and_the_retry_creates_afresh() {
        assertThatThrownBy(() -> idempotency.once("k-rolled-back", "body", claim -> {
                    transaction.executeWithoutResult(status -> {
                        claim.created("inv-rolled-back");
                        status.setRollbackOnly();
                    });
                    throw new IllegalStateException("the insert failed");
                }))
                .hasMessage("the insert failed");

        assertThat(repository.find(key.id(), "k-rolled-back")).isEmpty();
        List<Optional<String>> handedOver = new ArrayList<>();
        idempotency.once("k-rolled-back", "body", claim -> {
            handedOver.add(claim.createdBefore());
            return new ApiIdempotency.Response(200, "{}");
        });
        assertThat(handedOver).containsExactly(Optional.empty());
    }

    @Test
    void a_repeat_while_the_first_request_holds_its_lease_is_refused_as_in_progress() {
        List<ApiException> refused = new ArrayList<>();

        idempotency.once("k-running", "body", claim -> {
            try {
                idempotency.once("k-running", "body", repeat -> new ApiIdempotency.Response(200, "{\"repeat\":true}"));
            } catch (ApiException inProgress) {
                refused.add(inProgress);
            }
            return new ApiIdempotency.Response(200, "{}");
        });

        assertThat(refused).singleElement().satisfies(e -> assertThat(e).hasMessageContaining("still being processed"));
        assertThat(repository.find(key.id(), "k-running").orElseThrow().responseBody())
                .isEqualTo("{}");
    }
}
