package nl.iwa.hub.ops.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * A partner system's webhook, as a GP information system would run one: it takes the hub's inbox as NL GOV
 * CloudEvents (JSON event format, structured mode). It answers the webhook validation handshake (an {@code OPTIONS}
 * with {@code WebHook-Request-Origin}, consented to by naming that origin in {@code WebHook-Allowed-Origin}), accepts
 * only the bearer token it agreed with the hub, and acknowledges an event with 204 once it has handed it on; an
 * event id seen before is acknowledged again without being handed on (redeliveries keep their id).
 */
public final class WebhookReceiver implements AutoCloseable {

    static final String CLOUDEVENTS_JSON = "application/cloudevents+json";
    private static final int MAX_BODY = 1024 * 1024;
    private static final int REMEMBERED_IDS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String path;
    private final byte[] expectedAuthorization;
    private final String allowedOrigin;
    private volatile Consumer<JsonNode> onEvent;
    private volatile Runnable onHandshake = () -> { };
    private final Map<String, Boolean> seen = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_IDS;
        }
    };
    private final LongAdder handshakes = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder refused = new LongAdder();

    private WebhookReceiver(HttpServer server, String path, String token, String allowedOrigin) {
        this.server = server;
        this.path = path;
        this.expectedAuthorization = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        this.allowedOrigin = allowedOrigin;
    }

    /**
     * Listens on {@code port} of the loopback interface (0: a free port) at {@code path}.
     *
     * @param token         the bearer token the hub must present (the content of the subscription's tokenFile)
     * @param allowedOrigin the sender it consents to, the hub's {@code iwa.connectors.inbox.origin}
     */
    public static WebhookReceiver start(int port, String path, String token, String allowedOrigin) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            WebhookReceiver receiver = new WebhookReceiver(server, path, token, allowedOrigin);
            server.createContext(path, receiver::handle);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
    }

    /** Where events go from now on; until set, deliveries get 503 (the hub tries again later). */
    public void onEvent(Consumer<JsonNode> handler) {
        this.onEvent = handler;
    }

    /** Called at each validation handshake the receiver consents to. */
    public void onHandshake(Runnable listener) {
        this.onHandshake = listener;
    }

    public String url() {
        return "http://localhost:" + server.getAddress().getPort() + path;
    }

    public long handshakes() {
        return handshakes.sum();
    }

    public long received() {
        return received.sum();
    }

    public long duplicates() {
        return duplicates.sum();
    }

    public long refused() {
        return refused.sum();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!path.equals(exchange.getRequestURI().getPath())) {
                reply(exchange, 404);
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !MessageDigest.isEqual(authorization.getBytes(StandardCharsets.UTF_8), expectedAuthorization)) {
                refused.increment();
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
                reply(exchange, 401);
                return;
            }
            switch (exchange.getRequestMethod()) {
                case "OPTIONS" -> validate(exchange);
                case "POST" -> deliver(exchange);
                default -> {
                    exchange.getResponseHeaders().add("Allow", "OPTIONS, POST");
                    reply(exchange, 405);
                }
            }
        }
    }

    /** The abuse protection of the CloudEvents webhook spec: consent to the one sender this receiver expects. */
    private void validate(HttpExchange exchange) throws IOException {
        String origin = exchange.getRequestHeaders().getFirst("WebHook-Request-Origin");
        if (origin == null || !origin.trim().equals(allowedOrigin)) {
            refused.increment();
            reply(exchange, 403);
            return;
        }
        handshakes.increment();
        onHandshake.run();
        exchange.getResponseHeaders().add("WebHook-Allowed-Origin", allowedOrigin);
        exchange.getResponseHeaders().add("Allow", "OPTIONS, POST");
        reply(exchange, 200);
    }

    private void deliver(HttpExchange exchange) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.toLowerCase().startsWith(CLOUDEVENTS_JSON)) {
            refused.increment();
            reply(exchange, 415);
            return;
        }
        byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            refused.increment();
            reply(exchange, 413);
            return;
        }
        JsonNode event;
        try {
            event = JSON.readTree(body);
        } catch (IOException notJson) {
            event = null;
        }
        if (event == null || !event.isObject() || !event.path("specversion").isTextual() || !event.path("id").isTextual()
                || !event.path("type").isTextual()) {
            refused.increment();
            reply(exchange, 400);
            return;
        }
        Consumer<JsonNode> handler = onEvent;
        if (handler == null) {
            exchange.getResponseHeaders().add("Retry-After", "1");
            reply(exchange, 503);
            return;
        }
        if (firstTime(event.get("id").asText())) {
            received.increment();
            try {
                handler.accept(event);
            } catch (RuntimeException e) {
                // this system has the event; what the demo makes of it is its own business
            }
        } else {
            duplicates.increment();
        }
        reply(exchange, 204);
    }

    private synchronized boolean firstTime(String id) {
        return seen.put(id, Boolean.TRUE) == null;
    }

    private static void reply(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
