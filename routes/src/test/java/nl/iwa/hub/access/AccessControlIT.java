package nl.iwa.hub.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SortedSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import nl.iwa.hub.topics.Topics;
import nl.iwa.hub.partners.PartnerDirectory;
import nl.iwa.hub.policy.ReviewedConfigLoader;
import nl.iwa.hub.provisioning.TopicProvisioner;
import nl.iwa.hub.testing.TestInfrastructure;
import nl.iwa.hub.testkit.broker.BrokerCredentials;
import nl.iwa.hub.testkit.pki.ThrowawayCa;
import nl.iwa.hub.transport.KafkaConnection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The trust boundary on the real, secured broker (mutual TLS and SCRAM listeners, StandardAuthorizer, the ACLs
 * generated from partners.yaml): what a careless or dishonest partner, an outsider on the network, or a
 * compromised hub could try, refused by the broker itself. Topics of a prefix of its own, created as the hub.
 */
class AccessControlIT {

    private static final String HOUSING = "housing-mijnstreek";
    private static final String UWV = "uwv-zuid-limburg";
    private static final String SOCIAL = "socialteam-heerlen";

    private static TestInfrastructure infra;
    private static Topics topics;
    private static String prefix;

    @BeforeAll
    static void topicsOfTheirOwn() {
        infra = TestInfrastructure.get();
        prefix = "acl" + UUID.randomUUID().toString().substring(0, 8);
        topics = Topics.withPrefix(prefix);
        infra.grant(prefix, prefix + "-hub", prefix + "-hub");
        Path dir = Path.of(System.getProperty("iwa.config.dir", "../ops/config"));
        var config = new ReviewedConfigLoader().load(dir.resolve("partners.yaml"), dir.resolve("policies.yaml"));
        new TopicProvisioner(infra.hubConnection(), topics, config.partners(), config.policies()).provision();
    }

    @Test
    void aPartnerWritesOnlyItsOwnOutbox() throws Exception {
        try (KafkaProducer<byte[], byte[]> housing = producer(infra.partnerConnection(HOUSING))) {
            housing.send(new ProducerRecord<>(topics.outbox(HOUSING), bytes("ok"))).get(30, TimeUnit.SECONDS);

            for (String other : List.of(topics.outbox(UWV), topics.inbox(SOCIAL), topics.audit(), topics.consent(),
                    topics.handoffs(), topics.deadLetter(), topics.fileIntake(), topics.connectReceipts(), topics.decide(),
                    topics.handoffUpdates())) {
                assertRefused(() -> housing.send(new ProducerRecord<>(other, bytes("forged"))).get(30, TimeUnit.SECONDS),
                        TopicAuthorizationException.class);
            }
        }
    }

    @Test
    void aPartnerReadsOnlyItsOwnInbox() {
        KafkaConnection housing = infra.partnerConnection(HOUSING);
        assertThat(readOnce(housing, topics.inbox(HOUSING))).isZero();
        for (String other : List.of(topics.inbox(SOCIAL), topics.outbox(UWV), topics.outbox(HOUSING), topics.audit(),
                topics.consent(), topics.handoffs(), topics.deadLetter(), topics.fileIntake(), topics.connectReceipts(),
                topics.decide(), topics.handoffUpdates())) {
            assertRefused(() -> readOnce(housing, other), TopicAuthorizationException.class);
        }
    }

    @Test
    void aPartnerCannotJoinOrCommitForAnotherPartnersGroup() {
        // forging the social team's commits would make the hub report a handoff DELIVERED that nobody read
        KafkaConnection housing = infra.partnerConnection(HOUSING);
        Properties p = consumerProperties(housing);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "socialteam-heerlen-inbox");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            c.subscribe(List.of(topics.inbox(HOUSING)));
            assertRefused(() -> c.poll(Duration.ofSeconds(10)), GroupAuthorizationException.class);
        }
        try (Admin admin = Admin.create(housing.properties())) {
            assertRefused(() -> admin.alterConsumerGroupOffsets("socialteam-heerlen-inbox",
                    Map.of(new TopicPartition(topics.inbox(SOCIAL), 0), new org.apache.kafka.clients.consumer.OffsetAndMetadata(1)))
                    .all().get(30, TimeUnit.SECONDS), GroupAuthorizationException.class);
        }
    }

    @Test
    void anonymousPlaintextAndUnprovenClientsCannotConnect() {
        String mtls = infra.hubConnection().bootstrapServers();
        String scram = infra.partnerConnection(HOUSING).bootstrapServers();
        // plaintext to either listener: the TLS handshake never completes, no request is ever answered
        for (String address : List.of(mtls, scram)) {
            assertThatThrownBy(() -> describeCluster(KafkaConnection.plaintext(address))).isInstanceOf(Exception.class);
        }
        // TLS without a client certificate on the mutual-TLS listener
        Map<String, String> noCertificate = new HashMap<>(infra.credentials().scram("x", "y"));
        noCertificate.put("security.protocol", "SSL");
        noCertificate.keySet().removeIf(k -> k.startsWith("sasl."));
        assertRefused(() -> describeCluster(new KafkaConnection(mtls, noCertificate)), SslAuthenticationException.class);
        // SCRAM with a wrong password, and as a partner that has no SCRAM credential
        assertRefused(() -> describeCluster(new KafkaConnection(scram, infra.credentials().scram(HOUSING, "guessed"))),
                SaslAuthenticationException.class);
        assertRefused(() -> describeCluster(new KafkaConnection(scram, infra.credentials().scram(UWV, "guessed"))),
                SaslAuthenticationException.class);
    }

    @Test
    void certificatesAreMappedToPartnersByOinAndCommonName() {
        KafkaConnection support = infra.certificateConnection("it-wi-support",
                ThrowawayCa.partnerSubject("iwa-wi-heerlen-support", "Gemeente Heerlen", "99999999000000917000"));
        assertThat(readOnce(support, topics.inbox("wi-heerlen-support"))).isZero();
        // the same organisation's enforcement unit is another partner: purpose separation holds on the broker too
        assertRefused(() -> readOnce(support, topics.inbox("wi-heerlen-enforcement")), TopicAuthorizationException.class);

        // a certificate of the municipality with a CN no partner registered, one with a partner's CN but no OIN,
        // and one that smuggles UWV's OIN into its CN: authenticated, and allowed nothing
        for (X500Name subject : List.of(
                ThrowawayCa.partnerSubject("iwa-someone-else", "Gemeente Heerlen", "99999999000000917000"),
                ThrowawayCa.partnerSubject("iwa-wi-heerlen-support", "Gemeente Heerlen", null),
                ThrowawayCa.partnerSubject("x,2.5.4.5=#13143939393939393939303030303030303030313233", "Evil BV", null))) {
            KafkaConnection stranger = infra.certificateConnection("it-stranger-" + UUID.randomUUID(), subject);
            assertRefused(() -> readOnce(stranger, topics.inbox(UWV)), TopicAuthorizationException.class);
            assertRefused(() -> readOnce(stranger, topics.inbox("wi-heerlen-support")), TopicAuthorizationException.class);
        }
    }

    @Test
    void theHubHasNoClusterWideRights() throws Exception {
        try (Admin hub = Admin.create(infra.hubConnection().properties());
             KafkaProducer<byte[], byte[]> producer = producer(infra.hubConnection())) {
            AclBinding grantItself = new AclBinding(new ResourcePattern(ResourceType.TOPIC, "*", PatternType.LITERAL),
                    new AccessControlEntry("User:iwa-hub", "*", org.apache.kafka.common.acl.AclOperation.ALL, AclPermissionType.ALLOW));
            assertRefused(() -> hub.createAcls(List.of(grantItself)).all().get(30, TimeUnit.SECONDS), ClusterAuthorizationException.class);
            assertRefused(() -> producer.send(new ProducerRecord<>("not-a-hub-topic", bytes("x"))).get(30, TimeUnit.SECONDS),
                    TopicAuthorizationException.class);
            assertRefused(() -> readOnce(infra.hubConnection(), "__consumer_offsets"), TopicAuthorizationException.class);
        }
    }

    @Test
    void aPartnerRemovedFromPartnersYamlLosesItsAccessOnTheNextApply() throws Exception {
        String own = "removal" + UUID.randomUUID().toString().substring(0, 8);
        Topics ownTopics = Topics.withPrefix(own);
        HubAccount hub = new HubAccount("iwa-hub", TestInfrastructure.HUB.identity(), own + "-hub", own + "-hub");
        PartnerDirectory all = infra.partners();
        PartnerDirectory withoutHousing = new PartnerDirectory(all.all().stream().filter(p -> !p.id().equals(HOUSING)).toList());
        try (Admin admin = Admin.create(infra.adminConnection().properties())) {
            AclSync.apply(admin, AccessPlan.of(all, ownTopics, hub), b -> false);
            TestInfrastructure.awaitEnforced(admin, AccessPlan.of(all, ownTopics, hub), r -> false);
            Path dir = Path.of(System.getProperty("iwa.config.dir", "../ops/config"));
            var config = new ReviewedConfigLoader().load(dir.resolve("partners.yaml"), dir.resolve("policies.yaml"));
            new TopicProvisioner(infra.hubConnection(), ownTopics, config.partners(), config.policies()).provision();
            try (KafkaProducer<byte[], byte[]> housing = producer(infra.partnerConnection(HOUSING))) {
                housing.send(new ProducerRecord<>(ownTopics.outbox(HOUSING), bytes("before"))).get(30, TimeUnit.SECONDS);
            }

            // the ACLs of this deployment's topics are the apply's to manage
            AccessPlan after = AccessPlan.of(withoutHousing, ownTopics, hub);
            AclSync.Result result = AclSync.apply(admin, after, b -> b.pattern().name().startsWith(own + "."));
            TestInfrastructure.awaitEnforced(admin, after, r -> r.principal().equals(HOUSING) && r.name().startsWith(own + "."));

            assertThat(result.removed()).isGreaterThanOrEqualTo(4);
            try (KafkaProducer<byte[], byte[]> housing = producer(infra.partnerConnection(HOUSING))) {
                assertRefused(() -> housing.send(new ProducerRecord<>(ownTopics.outbox(HOUSING), bytes("after"))).get(30, TimeUnit.SECONDS),
                        TopicAuthorizationException.class);
            }
            assertRefused(() -> readOnce(infra.partnerConnection(HOUSING), ownTopics.inbox(HOUSING)), TopicAuthorizationException.class);
            try (KafkaProducer<byte[], byte[]> uwv = producer(infra.partnerConnection(UWV))) {
                uwv.send(new ProducerRecord<>(ownTopics.outbox(UWV), bytes("still"))).get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void whatTheExportsSayIsWhatTheBrokerEnforces() throws Exception {
        String own = "export" + UUID.randomUUID().toString().substring(0, 8);
        Path adminConfig = BrokerCredentials.writeProperties(infra.credentials().dir().resolve("it-admin.properties"),
                infra.adminConnection().clientProperties());
        List<String> deployment = List.of("--config-dir", System.getProperty("iwa.config.dir", "../ops/config"),
                "--prefix", own, "--hub-group", own + "-hub", "--hub-transactional-id", own + "-hub",
                "--hub-oin", TestInfrastructure.HUB_OIN, "--hub-common-name", "iwa-hub");

        // applied as an operator would, with the command
        String applied = command("apply", deployment, "--bootstrap-server", infra.adminConnection().bootstrapServers(),
                "--command-config", adminConfig.toString(), "--keep-other-acls");
        assertThat(applied).startsWith("ACLs applied: ");

        SortedSet<AccessRule> script = KafkaAclsScript.parse(command("export", deployment, "--format", "kafka-acls"));
        SortedSet<AccessRule> strimzi = StrimziManifests.parseAcls(command("export", deployment, "--format", "strimzi"));
        SortedSet<AccessRule> broker;
        try (Admin admin = Admin.create(infra.adminConnection().properties())) {
            Set<String> resources = script.stream().map(AccessControlIT::resource).collect(Collectors.toSet());
            List<String> unexpected = new java.util.ArrayList<>();
            // the broker's authorizer learns the change from the metadata log a moment after the apply returns
            broker = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> AclSync.current(admin, new java.util.ArrayList<>())
                    .stream().filter(r -> resources.contains(resource(r)))
                    .filter(r -> script.stream().map(AccessRule::principal).anyMatch(r.principal()::equals))
                    .collect(Collectors.toCollection(java.util.TreeSet::new)), script::equals);
            AclSync.current(admin, unexpected);
            assertThat(unexpected).as("ACLs the plan never writes (DENY, hosts, cluster)").isEmpty();

            // and the principal mapping rules the broker runs with are the exported ones
            ConfigResource node = new ConfigResource(ConfigResource.Type.BROKER, "1");
            Config config = admin.describeConfigs(List.of(node)).all().get(30, TimeUnit.SECONDS).get(node);
            assertThat(config.get("ssl.principal.mapping.rules").value())
                    .isEqualTo(command("export", deployment, "--format", "mapping-rules").strip());
        }
        assertThat(script).isNotEmpty().isEqualTo(strimzi);
        assertThat(broker).isEqualTo(script);
    }

    private static String resource(AccessRule r) {
        return r.resource() + "/" + r.name() + "/" + r.prefixed();
    }

    private static String command(String verb, List<String> common, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of(verb));
        args.addAll(common);
        args.addAll(List.of(more));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = AccessCommand.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void describeCluster(KafkaConnection connection) throws Exception {
        Properties p = connection.properties();
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 8000);
        try (Admin admin = Admin.create(p)) {
            admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
        }
    }

    /** Reads a topic's partitions once from the start, without a group; the number of records read. */
    private static int readOnce(KafkaConnection connection, String topic) {
        Properties p = consumerProperties(connection);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0));
            c.assign(partitions);
            c.seekToBeginning(partitions);
            return c.poll(Duration.ofSeconds(3)).count();
        }
    }

    private static Properties consumerProperties(KafkaConnection connection) {
        Properties p = connection.properties();
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return p;
    }

    private static KafkaProducer<byte[], byte[]> producer(KafkaConnection connection) {
        Properties p = connection.properties();
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private interface Attempt {
        void run() throws Exception;
    }

    /** The attempt fails, and somewhere in its causes is the broker's refusal of the expected kind. */
    private static void assertRefused(Attempt attempt, Class<? extends Exception> refusal) {
        assertThatThrownBy(attempt::run).satisfies(e -> {
            Throwable t = e;
            while (t != null && !refusal.isInstance(t)) {
                t = t.getCause();
            }
            assertThat(t).as("expected %s in the causes of %s", refusal.getSimpleName(), e).isNotNull();
        });
    }
}
