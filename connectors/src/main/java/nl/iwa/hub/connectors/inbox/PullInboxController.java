package nl.iwa.hub.connectors.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.security.Principal;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/connect/v1/inbox?max=N} and {@code POST /api/connect/v1/inbox/ack} for partners that pull (see
 * {@link PullInbox}). The partner is the authenticated caller ({@code partner:<id>}, role PARTNER), never a
 * parameter. The cursor travels in the {@code Inbox-Cursor} response header, because a CloudEvents batch is a bare
 * JSON array.
 */
@RestController
public class PullInboxController {

    public static final String CURSOR_HEADER = "Inbox-Cursor";
    private static final String PARTNER_PREFIX = "partner:";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PullInbox inbox;

    public PullInboxController(PullInbox inbox) {
        this.inbox = inbox;
    }

    @GetMapping("/api/connect/v1/inbox")
    public ResponseEntity<String> pull(Principal caller, @RequestParam(name = "max", defaultValue = "10") int max) {
        PullInbox.Batch batch = inbox.pull(partnerId(caller), max);
        ArrayNode array = JSON.createArrayNode();
        batch.events().forEach(array::add);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(InboxCloudEvents.BATCH_MEDIA_TYPE + ";charset=UTF-8"))
                .header(CURSOR_HEADER, batch.cursor())
                .header("Cache-Control", "no-store")
                .body(array.toString());
    }

    @PostMapping(path = "/api/connect/v1/inbox/ack", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> acknowledge(Principal caller, @RequestBody JsonNode body) {
        JsonNode cursor = body == null ? null : body.get("cursor");
        if (cursor == null || !cursor.isTextual()) {
            throw new PullRefused(400, "field 'cursor' is required, a string");
        }
        return Map.of("committed", inbox.acknowledge(partnerId(caller), cursor.asText()));
    }

    @ExceptionHandler(PullRefused.class)
    ResponseEntity<ProblemDetail> refused(PullRefused e) {
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(e.status()), e.getMessage()));
    }

    /** The partner the caller authenticated as; the security chain lets only partners reach /api/connect. */
    private static String partnerId(Principal caller) {
        if (caller == null || !caller.getName().startsWith(PARTNER_PREFIX)) {
            throw new PullRefused(403, "only a partner's system pulls its inbox");
        }
        return caller.getName().substring(PARTNER_PREFIX.length());
    }
}
