package nl.iwa.hub.connectors.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** A REST answer: status, headers and a JSON body; for refusals an RFC 9457 problem. */
public record RestAnswer(int status, String contentType, Map<String, String> headers, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static RestAnswer accepted(Receipt receipt) {
        ObjectNode body = JSON.createObjectNode()
                .put("messageId", receipt.messageId())
                .put("correlationId", receipt.correlationId())
                .put("status", "ACCEPTED_FOR_DECISION");
        return new RestAnswer(202, "application/json", Map.of(), body.toString());
    }

    public static RestAnswer problem(RequestRefused refused, String instance) {
        ObjectNode body = JSON.createObjectNode()
                .put("type", "about:blank")
                .put("title", refused.title())
                .put("status", refused.status())
                .put("detail", refused.detail())
                .put("instance", instance);
        Map<String, String> headers = new LinkedHashMap<>();
        if (refused.retryAfterSeconds() != null) {
            headers.put("Retry-After", Long.toString(refused.retryAfterSeconds()));
        }
        return new RestAnswer(refused.status(), "application/problem+json", headers, body.toString());
    }
}
