package nl.iwa.hub.connectors.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

/** A partner's webhook for tests: real HTTP on a free port; answers as each path is told and keeps every request. */
final class WebhookReceiver implements AutoCloseable {

    record Received(String method, String path, String query, Map<String, List<String>> headers, JsonNode event, int answered) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private final Map<String, ToIntFunction<JsonNode>> answers = new ConcurrentHashMap<>();

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** How POSTs to {@code path} are answered (default 200); OPTIONS is always the handshake's consent. */
    void answer(String path, ToIntFunction<JsonNode> status) {
        answers.put(path, status);
    }

    List<Received> posts(String path) {
        synchronized (received) {
            return received.stream().filter(r -> r.method().equals("POST") && r.path().equals(path)).toList();
        }
    }

    List<Received> all() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body = exchange.getRequestBody().readAllBytes();
        JsonNode event = body.length == 0 ? null : JSON.readTree(new String(body, StandardCharsets.UTF_8));
        int status;
        if (exchange.getRequestMethod().equals("OPTIONS")) {
            String origin = exchange.getRequestHeaders().getFirst("WebHook-Request-Origin");
            exchange.getResponseHeaders().add("WebHook-Allowed-Origin", origin == null ? "none" : origin);
            exchange.getResponseHeaders().add("Allow", "POST");
            status = 200;
        } else {
            status = answers.getOrDefault(path, e -> 200).applyAsInt(event);
        }
        synchronized (received) {
            received.add(new Received(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                    Map.copyOf(exchange.getRequestHeaders()), event, status));
        }
        if (status == 429) {
            exchange.getResponseHeaders().add("Retry-After", "1");
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
