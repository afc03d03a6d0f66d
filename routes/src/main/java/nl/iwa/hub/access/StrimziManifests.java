package nl.iwa.hub.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import nl.iwa.hub.partners.KafkaIdentity;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The topics and the access plan as Strimzi {@code KafkaTopic} and {@code KafkaUser} resources, so that on
 * Kubernetes the operators keep the broker in line with {@code partners.yaml} instead of an administrator
 * running a script. A certificate user is {@code tls-external}: the partner's PKIoverheid certificate is issued
 * elsewhere and the broker's principal mapping rules turn its subject into the user's name, which is the
 * principal every ACL names. {@link #parseAcls} reads the users back, so tests can compare them with the plan.
 */
public final class StrimziManifests {

    static final String API_VERSION = "kafka.strimzi.io/v1beta2";
    private static final String CLUSTER_LABEL = "strimzi.io/cluster";
    /** A Kubernetes object name (RFC 1123 subdomain), which Strimzi requires of a KafkaUser's name. */
    private static final Pattern K8S_NAME = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private StrimziManifests() {
    }

    public static String render(AccessPlan plan, Map<String, KafkaIdentity> identities, List<NewTopic> topics,
                                String clusterName) {
        List<Map<String, Object>> documents = new ArrayList<>();
        Map<String, String> names = topicResourceNames(topics.stream().map(NewTopic::name).toList());
        // sorted, so that an export diffs cleanly against the last one (the partner directory has no order)
        for (NewTopic t : topics.stream().sorted(Comparator.comparing(NewTopic::name)).toList()) {
            documents.add(kafkaTopic(t, names.get(t.name()), clusterName));
        }
        for (String principal : plan.principals()) {
            KafkaIdentity identity = identities.get(principal);
            if (identity == null) {
                throw new IllegalArgumentException("no Kafka identity for principal '" + principal
                        + "': cannot tell Strimzi how it authenticates");
            }
            documents.add(kafkaUser(principal, identity, plan.rulesOf(principal), clusterName));
        }
        StringBuilder yaml = new StringBuilder();
        try {
            for (Map<String, Object> d : documents) {
                yaml.append(YAML.writeValueAsString(d));
            }
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return yaml.toString();
    }

    private static Map<String, Object> kafkaTopic(NewTopic topic, String resourceName, String clusterName) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("topicName", topic.name());
        spec.put("partitions", topic.numPartitions());
        spec.put("replicas", (int) topic.replicationFactor());
        spec.put("config", new TreeMap<>(topic.configs() == null ? Map.of() : topic.configs()));
        return resource("KafkaTopic", resourceName, clusterName, spec);
    }

    private static Map<String, Object> kafkaUser(String principal, KafkaIdentity identity, List<AccessRule> rules,
                                                 String clusterName) {
        if (!K8S_NAME.matcher(principal).matches()) {
            throw new IllegalArgumentException("principal '" + principal + "' is not a valid KafkaUser name"
                    + " (lowercase letters, digits, '-' and '.')");
        }
        List<Map<String, Object>> acls = new ArrayList<>();
        KafkaAclsScript.group(rules).forEach((grant, operations) -> {
            Map<String, Object> resource = new LinkedHashMap<>();
            resource.put("type", grant.resource().strimziName());
            resource.put("name", grant.name());
            resource.put("patternType", grant.prefixed() ? "prefix" : "literal");
            Map<String, Object> acl = new LinkedHashMap<>();
            acl.put("resource", resource);
            acl.put("operations", operations.stream().map(AclOperation::displayName).toList());
            acl.put("host", "*");
            acls.add(acl);
        });
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("authentication", Map.of("type", identity.usesCertificate() ? "tls-external" : "scram-sha-512"));
        Map<String, Object> authorization = new LinkedHashMap<>();
        authorization.put("type", "simple");
        authorization.put("acls", acls);
        spec.put("authorization", authorization);
        return resource("KafkaUser", principal, clusterName, spec);
    }

    private static Map<String, Object> resource(String kind, String name, String clusterName, Map<String, Object> spec) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("labels", Map.of(CLUSTER_LABEL, clusterName));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("apiVersion", API_VERSION);
        document.put("kind", kind);
        document.put("metadata", metadata);
        document.put("spec", spec);
        return document;
    }

    /**
     * Kafka topic names may hold dots, underscores and capitals, Kubernetes names may not; two topics whose
     * names clean up alike each get a hash of their real name appended, so neither overwrites the other.
     */
    static Map<String, String> topicResourceNames(List<String> topicNames) {
        Map<String, List<String>> byClean = new HashMap<>();
        for (String topic : topicNames) {
            byClean.computeIfAbsent(clean(topic), k -> new ArrayList<>()).add(topic);
        }
        Map<String, String> names = new HashMap<>();
        byClean.forEach((clean, topics) -> topics.forEach(t ->
                names.put(t, topics.size() == 1 ? clean : clean + "-" + shortHash(t))));
        return names;
    }

    private static String clean(String topic) {
        String name = topic.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-")
                .replaceAll("^-+|-+$", "");
        return name.isEmpty() ? "topic" : name;
    }

    private static String shortHash(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ACLs of every KafkaUser in {@code yaml} as rules; other kinds are skipped, anything unexpected refused. */
    public static SortedSet<AccessRule> parseAcls(String yaml) {
        SortedSet<AccessRule> rules = new TreeSet<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc == null || !"KafkaUser".equals(doc.path("kind").asText())) {
                    continue;
                }
                String principal = required(doc.path("metadata").path("name"), "metadata.name");
                for (JsonNode acl : doc.path("spec").path("authorization").path("acls")) {
                    JsonNode resource = acl.path("resource");
                    String type = required(resource.path("type"), "resource.type");
                    AclResource kind = Arrays.stream(AclResource.values()).filter(r -> r.strimziName().equals(type))
                            .findFirst().orElseThrow(() -> new IllegalArgumentException("resource type " + type));
                    String name = required(resource.path("name"), "resource.name");
                    String pattern = resource.path("patternType").asText("literal");
                    if (!pattern.equals("literal") && !pattern.equals("prefix")) {
                        throw new IllegalArgumentException("patternType " + pattern);
                    }
                    if (!acl.path("host").asText("*").equals("*")) {
                        throw new IllegalArgumentException("an ACL of " + principal + " for one host only");
                    }
                    if (!acl.path("operations").isArray() || acl.path("operations").isEmpty()) {
                        throw new IllegalArgumentException("no operations in an ACL of " + principal);
                    }
                    for (JsonNode op : acl.path("operations")) {
                        AclOperation operation = Arrays.stream(AclOperation.values())
                                .filter(o -> o.displayName().equals(op.asText())).findFirst()
                                .orElseThrow(() -> new IllegalArgumentException("operation " + op.asText()));
                        rules.add(new AccessRule(principal, kind, name, pattern.equals("prefix"), operation));
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not YAML: " + e.getMessage(), e);
        }
        return rules;
    }

    private static String required(JsonNode node, String what) {
        if (!node.isTextual() || node.asText().isEmpty()) {
            throw new IllegalArgumentException("missing " + what);
        }
        return node.asText();
    }
}
