package com.flash.backoffice.workflows.payment;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * GETs one LNURL answer: a JSON object within the size and time limits, redirects followed only to URLs the same
 * rules accept. LUD-01: status codes and headers mean nothing, only the body does; a LUD-03 style
 * {@code {"status":"ERROR","reason":...}} becomes {@link LnurlRefusal#SERVICE_ERROR} with the service's reason.
 */
final class LnurlHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REDIRECTS = 3;

    private final LnurlPayProperties properties;
    private final HttpClient http;

    LnurlHttp(LnurlPayProperties properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    JsonNode get(URI uri, DestinationKind kind) {
        URI current = uri;
        for (int redirects = 0; ; redirects++) {
            HttpResponse<byte[]> response = send(current, kind);
            int status = response.statusCode();
            if (status >= 300
                    && status < 400
                    && response.headers().firstValue("Location").isPresent()) {
                if (redirects == MAX_REDIRECTS) {
                    throw new LnurlPayException(
                            LnurlRefusal.MALFORMED, kind, "more than " + MAX_REDIRECTS + " redirects from " + uri);
                }
                String location = response.headers().firstValue("Location").orElseThrow();
                current = LnurlPayTarget.checked(current.resolve(location).toString(), kind, properties);
                continue;
            }
            return object(response, current, kind);
        }
    }

    private HttpResponse<byte[]> send(URI uri, DestinationKind kind) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(properties.requestTimeout())
                .header("Accept", "application/json")
                .header("User-Agent", "flash-backoffice")
                .GET()
                .build();
        CompletableFuture<HttpResponse<byte[]>> answer =
                http.sendAsync(request, info -> new LimitedBody(properties.maxResponseBytes()));
        try {
            return answer.get(properties.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw timeout(uri, kind, e);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new LnurlPayException(LnurlRefusal.UNREACHABLE, kind, "interrupted asking " + host(uri), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TooLargeException) {
                throw new LnurlPayException(
                        LnurlRefusal.TOO_LARGE,
                        kind,
                        host(uri) + " sent more than " + properties.maxResponseBytes() + " bytes",
                        cause);
            }
            if (cause instanceof HttpTimeoutException) {
                throw timeout(uri, kind, cause);
            }
            throw new LnurlPayException(
                    LnurlRefusal.UNREACHABLE,
                    kind,
                    host(uri) + ": "
                            + (cause instanceof IOException && cause.getMessage() != null
                                    ? cause.getMessage()
                                    : String.valueOf(cause)),
                    cause);
        }
    }

    private JsonNode object(HttpResponse<byte[]> response, URI uri, DestinationKind kind) {
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new LnurlPayException(
                    LnurlRefusal.MALFORMED,
                    kind,
                    host(uri) + " answered HTTP " + response.statusCode() + " with no valid JSON ("
                            + e.getOriginalMessage() + ")",
                    e);
        } catch (IOException e) {
            throw new LnurlPayException(LnurlRefusal.MALFORMED, kind, host(uri) + ": " + e.getMessage(), e);
        }
        if (json == null || !json.isObject()) {
            throw new LnurlPayException(
                    LnurlRefusal.MALFORMED,
                    kind,
                    host(uri) + " answered HTTP " + response.statusCode() + " with JSON that is not an object");
        }
        JsonNode status = json.get("status");
        if (status != null
                && status.isTextual()
                && status.asText().toUpperCase(Locale.ROOT).equals("ERROR")) {
            JsonNode reason = json.get("reason");
            String text =
                    reason != null && reason.isTextual() && !reason.asText().isBlank()
                            ? reason.asText().strip()
                            : "no reason given";
            throw new LnurlPayException(
                    LnurlRefusal.SERVICE_ERROR, kind, host(uri) + " says \"" + LnurlPayTarget.shorten(text) + "\"");
        }
        return json;
    }

    private LnurlPayException timeout(URI uri, DestinationKind kind, Throwable cause) {
        return new LnurlPayException(
                LnurlRefusal.TIMEOUT,
                kind,
                host(uri) + " gave no whole answer within "
                        + properties.requestTimeout().toMillis() + " ms",
                cause);
    }

    private static String host(URI uri) {
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    private static final class TooLargeException extends IOException {
        TooLargeException() {
            super("answer too large");
        }
    }

    /** Collects the body and gives up (cancelling the stream) as soon as it exceeds {@code limit} bytes. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int limit;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        LimitedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                if (body.size() + item.remaining() > limit) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLargeException());
                    return;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                body.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(body.toByteArray());
        }
    }
}
