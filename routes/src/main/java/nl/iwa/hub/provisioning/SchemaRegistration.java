package nl.iwa.hub.provisioning;

import nl.iwa.hub.transport.AvroCodec;
import nl.iwa.hub.transport.RegistryUnavailableException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import nl.iwa.hub.config.HubProperties;
import nl.iwa.hub.contract.ContractSchemas;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.partners.Partner;
import nl.iwa.hub.partners.PartnerDirectory;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub alone writes to the schema registry; partners only read. At start-up, before any outbox is read, the
 * hub makes the registry's global COMPATIBILITY rule BACKWARD and registers the OutboxMessage schema under every
 * partner's outbox subject ({@code <prefix>.<partnerId>.outbox-value}), so that a partner's serializer, which no
 * longer registers anything, finds it by content. The schemas go in through the serde's own resolver (see
 * {@link AvroCodec#register}), so artifact ids, content and ids are exactly those a serializer looks up; the
 * released versions of the outbox schema go in first, oldest first, so that a partner still on an older release
 * finds its version too (and the rule proves each step BACKWARD compatible). Both steps are idempotent.
 *
 * <p>A registry that cannot be reached is tried again for a short while (it may be starting beside the hub);
 * after that, or at once when the registry refuses the hub's account, start-up fails with a message that says
 * why. No message or log line contains the password.
 */
public final class SchemaRegistration {

    private static final Logger log = LoggerFactory.getLogger(SchemaRegistration.class);

    static final String RULE_TYPE = "COMPATIBILITY";
    static final String BACKWARD = "BACKWARD";
    /** Global rules that check at least what BACKWARD checks: kept, never weakened to BACKWARD. */
    private static final Set<String> AT_LEAST_BACKWARD = Set.of("BACKWARD", "BACKWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE");
    private static final Duration DEFAULT_PATIENCE = Duration.ofSeconds(30);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(5);

    /**
     * What start-up left in the registry: per partner outbox subject the id of the current OutboxMessage schema
     * (the 4-byte id of the wire format, equal to the Confluent-compatible API's id), and the global rule.
     */
    public record Registered(Map<String, Long> outboxSchemaIds, String compatibility) {
    }

    private final AvroCodec codec;
    private final String apiUrl;
    private final String username;
    private final Optional<String> authorization;
    private final nl.iwa.hub.topics.Topics topics;
    private final PartnerDirectory partners;
    private final Duration patience;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    public SchemaRegistration(AvroCodec codec, nl.iwa.hub.transport.RegistryAccount registry, nl.iwa.hub.topics.Topics topics, PartnerDirectory partners) {
        this(codec, registry, topics, partners, DEFAULT_PATIENCE);
    }

    SchemaRegistration(AvroCodec codec, nl.iwa.hub.transport.RegistryAccount registry, nl.iwa.hub.topics.Topics topics, PartnerDirectory partners,
                       Duration patience) {
        this.codec = codec;
        this.apiUrl = registry.url().replaceAll("/+$", "");
        this.username = registry.hasCredentials() ? registry.username() : null;
        this.authorization = registry.basicAuthorization();
        this.topics = topics;
        this.partners = partners;
        this.patience = patience;
    }


    /** Sets the rule and registers the outbox schemas; retries while the registry is unreachable, then gives up. */
    public Registered apply() {
        long deadline = System.nanoTime() + patience.toNanos();
        Duration pause = Duration.ofMillis(500);
        while (true) {
            try {
                return attempt();
            } catch (RegistryUnavailableException e) {
                if (System.nanoTime() + pause.toNanos() > deadline) {
                    throw new IllegalStateException("the schema registry at " + apiUrl + " could not be reached at start-up (tried for "
                            + patience.toSeconds() + " s): the hub registers the partners' outbox schemas before it reads any "
                            + "outbox; start the registry (or fix IWA_REGISTRY_URL) and start the hub again", e);
                }
                log.warn("schema registry at {} not reachable at start-up ({}); trying again in {} ms", apiUrl, e.getMessage(), pause.toMillis());
                pause(pause);
                pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    private Registered attempt() {
        String compatibility = ensureBackward();
        List<Schema> outboxSchemas = new ArrayList<>(releasedOutboxSchemas());
        outboxSchemas.add(OutboxMessage.getClassSchema());
        Map<String, Long> ids = new TreeMap<>();
        for (Partner partner : partners.all()) {
            String outbox = topics.outbox(partner.id());
            long id = -1;
            for (Schema schema : outboxSchemas) {
                id = register(outbox, schema);
            }
            ids.put(outbox + "-value", id);
        }
        log.info("schema registry: global compatibility rule {}; OutboxMessage registered under {} partner outbox subjects",
                compatibility, ids.size());
        return new Registered(Map.copyOf(ids), compatibility);
    }

    /** The outbox schema of every release that has one, oldest first (ContractSchemas.RELEASES is in that order). */
    static List<Schema> releasedOutboxSchemas() {
        List<Schema> released = new ArrayList<>();
        for (String release : ContractSchemas.RELEASES) {
            String resource = "/released/" + release + "/" + ContractSchemas.OUTBOX.releasedFileName();
            try (InputStream in = ContractSchemas.class.getResourceAsStream(resource)) {
                if (in != null) {
                    released.add(new Schema.Parser().parse(in));
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the released outbox schema " + resource, e);
            }
        }
        return released;
    }

    private long register(String topic, Schema schema) {
        try {
            return codec.register(topic, schema);
        } catch (RegistryUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            int status = AvroCodec.httpStatus(e);
            if (status == 401 || status == 403) {
                throw refused(status, "register the " + schema.getName() + " schema under " + topic + "-value");
            }
            if (status == 409) {
                throw new IllegalStateException("the schema registry refuses the " + schema.getName() + " schema under " + topic
                        + "-value (HTTP 409): it is not compatible with the versions registered there before", e);
            }
            throw new IllegalStateException("could not register the " + schema.getName() + " schema under " + topic + "-value"
                    + (status > 0 ? " (HTTP " + status + ")" : ""), e);
        }
    }

    /** Makes the global rule BACKWARD unless it is already that or stricter; returns the rule in force. */
    String ensureBackward() {
        URI rule = URI.create(apiUrl + "/admin/rules/" + RULE_TYPE);
        HttpResponse<String> current = send(request(rule).GET(), "read the global compatibility rule");
        if (current.statusCode() == 200) {
            String config = configOf(current.body());
            if (AT_LEAST_BACKWARD.contains(config)) {
                return config;
            }
            expect(send(request(rule).PUT(ruleBody()), "change the global compatibility rule"), "change the global compatibility rule");
            log.info("schema registry: global compatibility rule changed from {} to {}", config, BACKWARD);
            return BACKWARD;
        }
        if (current.statusCode() != 404) {
            throw unexpected(current, "read the global compatibility rule");
        }
        HttpResponse<String> created = send(request(URI.create(apiUrl + "/admin/rules")).POST(ruleBody()), "set the global compatibility rule");
        if (created.statusCode() == 409) {
            // created meanwhile (another hub starting at the same moment): make sure it says BACKWARD
            expect(send(request(rule).PUT(ruleBody()), "change the global compatibility rule"), "change the global compatibility rule");
        } else {
            expect(created, "set the global compatibility rule");
        }
        log.info("schema registry: global compatibility rule set to {}", BACKWARD);
        return BACKWARD;
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("Accept", "application/json");
        authorization.ifPresent(value -> b.header("Authorization", value));
        return b;
    }

    private static HttpRequest.BodyPublisher ruleBody() {
        return HttpRequest.BodyPublishers.ofString("{\"ruleType\":\"" + RULE_TYPE + "\",\"config\":\"" + BACKWARD + "\"}");
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String action) {
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RegistryUnavailableException("schema registry unreachable while trying to " + action, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while trying to " + action + " in the schema registry", e);
        }
        int status = response.statusCode();
        if (status >= 500 || status == 429) {
            throw new RegistryUnavailableException("schema registry answered HTTP " + status + " while trying to " + action, null);
        }
        if (status == 401 || status == 403) {
            throw refused(status, action);
        }
        return response;
    }

    private void expect(HttpResponse<String> response, String action) {
        if (response.statusCode() / 100 != 2) {
            throw unexpected(response, action);
        }
    }

    private IllegalStateException unexpected(HttpResponse<String> response, String action) {
        return new IllegalStateException("the schema registry at " + apiUrl + " answered HTTP " + response.statusCode()
                + " when the hub tried to " + action);
    }

    private IllegalStateException refused(int status, String action) {
        if (username == null) {
            return new IllegalStateException("the schema registry at " + apiUrl + " refused an anonymous write (HTTP " + status
                    + ") when the hub tried to " + action + ": it is read-only except for the hub's account; set "
                    + "IWA_REGISTRY_USERNAME and IWA_REGISTRY_PASSWORD (iwa.registry.username/password)");
        }
        return new IllegalStateException("the schema registry at " + apiUrl + " refused the hub's account '" + username
                + "' (HTTP " + status + ") when the hub tried to " + action + ": check IWA_REGISTRY_USERNAME and "
                + "IWA_REGISTRY_PASSWORD, and that the account has the registry's admin role (sr-admin)");
    }

    private String configOf(String body) {
        try {
            JsonNode node = json.readTree(body);
            return node.path("config").asText("");
        } catch (IOException e) {
            throw new IllegalStateException("the schema registry at " + apiUrl + " answered the compatibility rule with something that is not JSON", e);
        }
    }

    private static void pause(Duration pause) {
        try {
            // start-up waits for the registry to come up: there is nothing to be notified of
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the schema registry", e);
        }
    }
}
