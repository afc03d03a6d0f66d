package nl.iwa.hub.connectors.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Where a pull ended: per inbox partition the next offset, for one partner, sealed with an HMAC so that an
 * acknowledgement commits only what the hub handed out (a made-up cursor could otherwise mark messages as
 * DELIVERED that the partner never fetched). The key is derived from the hub's secret, so a cursor handed out
 * before a restart, or by another hub instance, can still be acknowledged.
 */
record InboxCursor(String partnerId, Map<Integer, Long> next) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    String seal(byte[] key) {
        ObjectNode body = JSON.createObjectNode();
        body.put("p", partnerId);
        ObjectNode offsets = body.putObject("o");
        new TreeMap<>(next).forEach((p, o) -> offsets.put(Integer.toString(p), o));
        String payload = B64.encodeToString(body.toString().getBytes(StandardCharsets.UTF_8));
        return payload + "." + B64.encodeToString(mac(key, payload));
    }

    /** The cursor, or nothing if it is malformed or was not sealed with this key. */
    static Optional<InboxCursor> open(String sealed, byte[] key) {
        if (sealed == null || sealed.length() > 4096) {
            return Optional.empty();
        }
        int dot = sealed.indexOf('.');
        if (dot < 1) {
            return Optional.empty();
        }
        String payload = sealed.substring(0, dot);
        try {
            byte[] given = Base64.getUrlDecoder().decode(sealed.substring(dot + 1));
            if (!MessageDigest.isEqual(given, mac(key, payload))) {
                return Optional.empty();
            }
            JsonNode body = JSON.readTree(Base64.getUrlDecoder().decode(payload));
            Map<Integer, Long> next = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = body.get("o").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                next.put(Integer.valueOf(e.getKey()), e.getValue().asLong());
            }
            return Optional.of(new InboxCursor(body.get("p").asText(), next));
        } catch (RuntimeException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    private static byte[] mac(byte[] key, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
