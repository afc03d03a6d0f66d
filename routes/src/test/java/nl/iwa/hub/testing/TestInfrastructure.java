package nl.iwa.hub.testing;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import nl.iwa.hub.access.AccessPlan;
import nl.iwa.hub.access.AccessRule;
import nl.iwa.hub.access.AclSync;
import nl.iwa.hub.access.HubAccount;
import nl.iwa.hub.access.PrincipalMappingRules;
import nl.iwa.hub.topics.Topics;
import nl.iwa.hub.partners.KafkaAuthentication;
import nl.iwa.hub.partners.KafkaIdentity;
import nl.iwa.hub.partners.Partner;
import nl.iwa.hub.partners.PartnerDirectory;
import nl.iwa.hub.policy.ReviewedConfigLoader;
import nl.iwa.hub.testkit.ChildProcess;
import nl.iwa.hub.testkit.broker.BrokerCredentials;
import nl.iwa.hub.testkit.broker.KafkaBroker;
import nl.iwa.hub.testkit.pki.ThrowawayCa;
import nl.iwa.hub.testkit.registry.ApicurioRegistry;
import nl.iwa.hub.testkit.registry.RegistryWriter;
import nl.iwa.hub.transport.KafkaConnection;
import org.apache.kafka.clients.admin.Admin;

/**
 * One real, secured KRaft broker (a child JVM with mutual TLS and SCRAM listeners, StandardAuthorizer and the
 * ACLs generated from partners.yaml) and one real Apicurio registry (child JVM) per test JVM: each costs seconds
 * and hundreds of MB, so test classes share them and keep apart by ids and topic prefixes instead. Every party
 * connects as itself: the hub with its certificate, each partner with its certificate or SCRAM credential, and
 * a test that inspects topics as the operator (a super user).
 */
public final class TestInfrastructure {

    /** The hub's principal and certificate identity in tests (a synthetic OIN). */
    public static final String HUB_OIN = "99999999000000000999";
    public static final HubAccount HUB = new HubAccount("iwa-hub",
            new KafkaIdentity(KafkaAuthentication.MTLS, HUB_OIN, "iwa-hub"), "iwa-hub", "iwa-hub");

    private static TestInfrastructure instance;

    private final BrokerCredentials credentials;
    private final PartnerDirectory partners;
    private final KafkaBroker broker;
    private final ApicurioRegistry registry;
    private final Map<String, String> admin;
    private final Map<String, String> hub;
    private final Path hubClientConfig;
    private final Map<String, KafkaConnection> partnerConnections = new HashMap<>();
    private final Set<String> grantedPrefixes = new HashSet<>();

    private TestInfrastructure() {
        Path config = Path.of(System.getProperty("iwa.config.dir", "../ops/config"));
        partners = new ReviewedConfigLoader().load(config.resolve("partners.yaml"), config.resolve("policies.yaml")).partners();
        Path dir = Path.of("target", "test-broker").toAbsolutePath();
        credentials = BrokerCredentials.create(dir.resolve("pki"));
        admin = credentials.admin();
        hub = credentials.certificate("iwa-hub", ThrowawayCa.partnerSubject("iwa-hub", "IWA Hub operator", HUB_OIN));
        hubClientConfig = BrokerCredentials.writeProperties(dir.resolve("pki").resolve("iwa-hub.properties"), hub);
        broker = KafkaBroker.start(ChildProcess.freePort(), ChildProcess.freePort(), dir, KafkaBroker.brokerClasspath(),
                credentials.brokerSecurity(ChildProcess.freePort(), PrincipalMappingRules.of(partners, HUB)), admin,
                // room for the oversized-record case of the bad-input corpus (the hub itself refuses > 1 MiB)
                Map.of("message.max.bytes", Integer.toString(3 * 1024 * 1024)));
        try (Admin a = Admin.create(adminConnection().properties())) {
            for (Partner p : partners.all()) {
                if (!p.kafka().usesCertificate()) {
                    BrokerCredentials.upsertScramUser(a, p.id(), scramPassword(p.id()));
                }
            }
        }
        grant("iwa", HUB.groupId(), HUB.transactionalIdPrefix());
        // read-only for everyone but the hub's account, as in production: partners look schemas up, never register
        registry = ApicurioRegistry.startSecured(Path.of("target", "test-logs"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            registry.close();
            broker.close();
        }, "stop-test-infrastructure"));
    }

    public static synchronized TestInfrastructure get() {
        if (instance == null) {
            instance = new TestInfrastructure();
        }
        return instance;
    }

    /**
     * Applies the ACLs of partners.yaml for a hub on topic prefix {@code prefix} with its own consumer group and
     * transactional ids, beside those of other prefixes (nothing is removed): what {@code access apply} does
     * for one deployment.
     */
    public synchronized void grant(String prefix, String hubGroup, String hubTransactionalIdPrefix) {
        if (!grantedPrefixes.add(prefix + "/" + hubGroup + "/" + hubTransactionalIdPrefix)) {
            return;
        }
        HubAccount account = new HubAccount(HUB.principal(), HUB.identity(), hubGroup, hubTransactionalIdPrefix);
        try (Admin a = Admin.create(adminConnection().properties())) {
            AccessPlan plan = AccessPlan.of(partners, Topics.withPrefix(prefix), account);
            AclSync.apply(a, plan, binding -> false);
            awaitEnforced(a, plan, rule -> false);
        }
    }

    /**
     * The controller has the change once apply returns; the broker's authorizer learns it from the metadata log a
     * moment later. Waits until the broker reports every rule of the plan and none that {@code gone} matches.
     */
    public static void awaitEnforced(Admin admin, AccessPlan plan, java.util.function.Predicate<AccessRule> gone) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
            java.util.SortedSet<AccessRule> current = AclSync.current(admin, new java.util.ArrayList<>());
            return current.containsAll(plan.rules()) && current.stream().noneMatch(gone);
        });
    }

    /**
     * What {@code access apply} does for a test's own partners.yaml on topic prefix {@code prefix}: the ACLs of its
     * plan (e.g. the hub's Read on the inboxes it hands over to connectors), enforced before this returns.
     */
    public void applyAccess(java.nio.file.Path partnersYaml, java.nio.file.Path policiesYaml, String prefix) {
        try (Admin admin = Admin.create(adminConnection().properties())) {
            AccessPlan plan = AccessPlan.of(new nl.iwa.hub.policy.ReviewedConfigLoader().load(partnersYaml, policiesYaml).partners(),
                    Topics.withPrefix(prefix), new HubAccount(HUB.principal(), HUB.identity(), prefix + "-hub", prefix + "-hub"));
            AclSync.apply(admin, plan, binding -> false);
            awaitEnforced(admin, plan, rule -> false);
        }
    }

    /** The hub's connection: its own certificate on the mutual-TLS listener. */
    public KafkaConnection hubConnection() {
        return new KafkaConnection(broker.bootstrapServers(), hub);
    }

    /** The same settings as a client properties file, for IWA_KAFKA_CLIENT_CONFIG. */
    public Path hubClientConfig() {
        return hubClientConfig;
    }

    /** The operator, a super user: for tests that inspect any topic or the ACLs. */
    public KafkaConnection adminConnection() {
        return new KafkaConnection(broker.bootstrapServers(), admin);
    }

    /** A partner as partners.yaml registers it: its certificate (OIN, CN) or its SCRAM credential. */
    public synchronized KafkaConnection partnerConnection(String partnerId) {
        return partnerConnections.computeIfAbsent(partnerId, id -> {
            Partner p = partners.find(id).orElseThrow(() -> new IllegalArgumentException("no partner " + id + " in partners.yaml"));
            if (p.kafka().usesCertificate()) {
                return new KafkaConnection(broker.bootstrapServers(), credentials.certificate(id,
                        ThrowawayCa.partnerSubject(p.kafka().commonName() == null ? id : p.kafka().commonName(), p.displayName(), p.kafka().oin())));
            }
            return new KafkaConnection(broker.scramBootstrapServers(), credentials.scram(id, scramPassword(id)));
        });
    }

    /** A client with a certificate of any subject from the same CA: authenticated, but not necessarily anyone. */
    public KafkaConnection certificateConnection(String fileName, org.bouncycastle.asn1.x500.X500Name subject) {
        return new KafkaConnection(broker.bootstrapServers(), credentials.certificate(fileName, subject));
    }

    public BrokerCredentials credentials() {
        return credentials;
    }

    public PartnerDirectory partners() {
        return partners;
    }

    /** A stable per-run password per SCRAM partner. */
    private final Map<String, String> scramPasswords = new HashMap<>();

    public synchronized String scramPassword(String partnerId) {
        return scramPasswords.computeIfAbsent(partnerId, id -> BrokerCredentials.randomSecret());
    }

    public String registryUrl() {
        return registry.apiUrl();
    }

    public ApicurioRegistry registry() {
        return registry;
    }

    /** The hub's registry account: the only one that may register schemas or change rules in the shared registry. */
    public RegistryWriter registryWriter() {
        return registry.writer();
    }

}
