package nl.iwa.hub.connectors.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import nl.iwa.hub.connectors.ConnectorHub;
import nl.iwa.hub.connectors.ConnectorPartner;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One REST message from an authenticated partner, from request to answer: who sends it (only from authentication),
 * whether it may send now (rate), what it is (strict JSON against the contract), whether it was sent before
 * (receipts), and then onto the partner's outbox, where the hub decides it like any partner's record. Every
 * refusal is a problem naming the field, never its value; nothing is written for a refused request.
 */
public final class RestIngress {

    private static final Logger log = LoggerFactory.getLogger(RestIngress.class);
    private static final ObjectMapper CANONICAL = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final ConnectorHub hub;
    private final JsonToOutbox mapper;
    private final PartnerRateLimit rate;
    private final RestReceipts receipts;
    private final Clock clock;

    public RestIngress(ConnectorHub hub, PartnerRateLimit rate, RestReceipts receipts, Clock clock) {
        this.hub = hub;
        this.mapper = new JsonToOutbox(clock);
        this.rate = rate;
        this.receipts = receipts;
        this.clock = clock;
    }

    /**
     * @param callerPartnerId the partner the caller authenticated as, or null if it is not a partner's system
     * @param instance        the request path, for the problem's {@code instance}
     */
    public RestAnswer handle(MessageKind kind, String callerPartnerId, byte[] body, String instance) {
        try {
            ConnectorPartner partner = callerPartnerId == null ? null : hub.partner(callerPartnerId)
                    .filter(ConnectorPartner::sendsByRest).orElse(null);
            if (partner == null) {
                throw new RequestRefused(403, "Forbidden", "only a partner's system registered for REST may send messages");
            }
            rate.take(partner.id());
            ObjectNode request = mapper.parse(body);
            OutboxMessage message = mapper.toOutbox(kind, request, partner.id());
            RestReceipts.Accepted accepted = receipts.accept(partner, message, digest(request), clock.millis());
            log.info(accepted.repeat() ? "REST {} from {} was a repeat: the first answer again, nothing written"
                    : "REST {} from {} accepted for decision", kind, partner.id());
            return RestAnswer.accepted(accepted.receipt());
        } catch (RequestRefused refused) {
            // the detail names fields only, so it may be logged
            log.info("REST {} from {} refused with {}: {}", kind, callerPartnerId, refused.status(), refused.detail());
            return RestAnswer.problem(refused, instance);
        } catch (RuntimeException e) {
            // the class only: a message may quote the request
            log.warn("REST {} from {} failed: {}", kind, callerPartnerId, e.getClass().getName());
            return RestAnswer.problem(new RequestRefused(500, "Internal Server Error", "the hub could not handle the request"), instance);
        }
    }

    /** Of the parsed request with its keys in order, so that layout and key order do not make a repeat different. */
    private static String digest(ObjectNode request) {
        try {
            Object tree = CANONICAL.treeToValue(request, Object.class);
            return RestReceipts.sha256(CANONICAL.writeValueAsBytes(tree));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot re-serialise parsed JSON", e);
        }
    }
}
