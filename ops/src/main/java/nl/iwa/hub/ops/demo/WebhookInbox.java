package nl.iwa.hub.ops.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * What a webhook partner's system does with the CloudEvents it receives: the same as a Kafka partner does with
 * its inbox records ({@link PartnerInbox}), read from the event's {@code data} (the inbox message as plain JSON).
 * It takes ids and codes only; the resident's data in a delivery is never looked at.
 */
final class WebhookInbox {

    private static final String TYPE_PREFIX = "nl.iwa.hub.inbox.";

    /** A delivered handoff the receiving professional may answer. */
    record Handoff(String receiver, String sender, String purpose, String correlationId, String handoffId) {
    }

    private final String partner;
    private final SentLedger ledger;
    private final Summary summary;
    private final java.util.function.Consumer<Handoff> onHandoff;

    WebhookInbox(String partner, SentLedger ledger, Summary summary, java.util.function.Consumer<Handoff> onHandoff) {
        this.partner = partner;
        this.ledger = ledger;
        this.summary = summary;
        this.onHandoff = onHandoff;
    }

    /** {@code nl.iwa.hub.inbox.status-relay.v1} is a {@code status-relay}. */
    static String kind(String type) {
        String kind = type.startsWith(TYPE_PREFIX) ? type.substring(TYPE_PREFIX.length()) : type;
        int version = kind.lastIndexOf(".v");
        return version > 0 ? kind.substring(0, version) : kind;
    }

    void handle(JsonNode event) {
        String type = event.path("type").asText();
        String kind = kind(type);
        JsonNode data = event.path("data");
        JsonNode body = data.path("body");
        String origin = data.path("originPartnerId").asText(null);
        String code = "";
        switch (kind) {
            case "signal-delivery" -> {
                code = body.path("signalType").asText();
                summary.delivered(settled(data.path("causationId").asText(null), origin, code), partner);
            }
            case "handoff-delivery" -> {
                code = body.path("reasonCode").asText();
                summary.delivered(settled(data.path("causationId").asText(null), origin, code), partner);
                onHandoff.accept(new Handoff(partner, origin, data.path("purpose").asText(), data.path("correlationId").asText(),
                        body.path("handoffId").asText()));
            }
            case "status-relay" -> {
                code = body.path("status").asText();
                summary.statusRelayed(partner, Partners.HUB.equals(origin) ? Optional.empty()
                        : ledger.settle(data.path("causationId").asText(null)));
            }
            case "rejection" -> {
                code = body.path("reasonCode").asText();
                summary.rejected(partner, ledger.settle(body.path("rejectedMessageId").asText(null)), code);
            }
            case "escalation" -> {
                code = body.path("level").asText();
                summary.escalated(partner, code, body.path("awaitedStatus").asText());
            }
            case "consent-withdrawn-notice" -> summary.consentWithdrawnNotice(partner, body.path("deliveredMessageIds").size());
            default -> code = "?";
        }
        summary.webhookReceived(partner, type, event.path("id").asText(), kind, code);
    }

    private Flow settled(String causationId, String origin, String code) {
        return ledger.settle(causationId).orElseGet(() -> Flow.unpredicted(origin, partner, code));
    }
}
