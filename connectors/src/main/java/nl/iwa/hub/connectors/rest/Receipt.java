package nl.iwa.hub.connectors.rest;

/**
 * What the hub answered when it accepted a partner's message by REST, kept so that a repeat gets the same answer.
 *
 * @param bodyDigest SHA-256 of the request as parsed (canonical JSON), to tell a repeat from a different message
 *                   under a used messageId
 */
public record Receipt(String partnerId, String messageId, String correlationId, String bodyDigest, long acceptedAt) {
}
