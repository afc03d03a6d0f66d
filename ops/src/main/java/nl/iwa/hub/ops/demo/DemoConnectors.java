package nl.iwa.hub.ops.demo;

import java.util.List;
import java.util.Map;

/**
 * The demo partners that use the hub's connectors instead of (or beside) Kafka.
 *
 * @param rest      partners that send by REST, by partner id
 * @param webhooks  partners whose inbox the hub pushes to their webhook, by partner id
 * @param fileDrops partners' CSV drops (beside their Kafka traffic)
 */
public record DemoConnectors(Map<String, RestPartner> rest, Map<String, WebhookReceiver> webhooks, Map<String, ArrearsFileDrop> fileDrops) {

    public static final DemoConnectors NONE = new DemoConnectors(Map.of(), Map.of(), Map.of());

    public DemoConnectors {
        rest = Map.copyOf(rest);
        webhooks = Map.copyOf(webhooks);
        fileDrops = Map.copyOf(fileDrops);
    }

    /** How a partner sends and receives, for the summary: "kafka", "REST + webhook", "kafka + files", ... */
    String transport(String partner) {
        String in = rest.containsKey(partner) ? "REST" : "kafka";
        String out = webhooks.containsKey(partner) ? "webhook" : "kafka";
        String transport = in.equals(out) ? in : in + " + " + out;
        return fileDrops.containsKey(partner) ? transport + " + files" : transport;
    }
}
