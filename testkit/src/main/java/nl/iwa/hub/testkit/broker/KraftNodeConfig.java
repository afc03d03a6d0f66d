package nl.iwa.hub.testkit.broker;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The configuration of a single-node KRaft cluster: one JVM that is both broker and controller, with every
 * replication factor at 1. Kept apart from the process handling so that the settings can be read and tested.
 */
public record KraftNodeConfig(int port, int controllerPort, Path dataDir, BrokerSecurity security, Map<String, String> overrides) {

    /** An open broker: plaintext, no authentication, no ACLs. Only for tests that prove something else. */
    public KraftNodeConfig(int port, int controllerPort, Path dataDir) {
        this(port, controllerPort, dataDir, null, Map.of());
    }

    /**
     * A fixed cluster id (base64 of the 16 bytes "IwaHubLocalStack"): the data directory is wiped at every
     * start anyway, and a fixed id makes logs of different runs comparable.
     */
    public static final String CLUSTER_ID = "SXdhSHViTG9jYWxTdGFjaw";

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public String serverProperties() {
        return String.join("\n", List.of(
                "# written by the IWA Hub local stack at every start; edits are lost",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@localhost:" + controllerPort,
                listeners(),
                "log.dirs=" + dataDir.toAbsolutePath(),
                // the hub provisions its topics with 3 partitions; a stray topic gets the same
                "num.partitions=3",
                // like a real deployment, where partner topics come with ACLs: a typo must not create a topic
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                // consumers of a fresh group start at once instead of waiting 3 s for more members
                "group.initial.rebalance.delay.ms=0",
                overrideLines(),
                ""));
    }

    private String overrideLines() {
        StringBuilder s = new StringBuilder();
        new java.util.TreeMap<>(overrides).forEach((k, v) -> s.append(k).append('=').append(escape(v)).append('\n'));
        return s.toString().strip();
    }

    private String listeners() {
        if (security == null) {
            return String.join("\n", List.of(
                    "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://localhost:" + port,
                    "controller.listener.names=CONTROLLER",
                    "inter.broker.listener.name=PLAINTEXT",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"));
        }
        BrokerSecurity s = security;
        return String.join("\n", List.of(
                // partners with a certificate (and the hub, and the broker itself) on one listener, SCRAM on another;
                // nothing in the clear, nobody anonymous: even the controller listener wants a client certificate
                "listeners=MTLS://localhost:" + port + ",SCRAM://localhost:" + s.scramPort() + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=MTLS://localhost:" + port + ",SCRAM://localhost:" + s.scramPort(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=MTLS",
                "listener.security.protocol.map=MTLS:SSL,SCRAM:SASL_SSL,CONTROLLER:SSL",
                "ssl.keystore.type=PKCS12",
                "ssl.keystore.location=" + escape(s.keystore().toAbsolutePath().toString()),
                "ssl.keystore.password=" + escape(s.storePassword()),
                "ssl.key.password=" + escape(s.storePassword()),
                "ssl.truststore.type=PKCS12",
                "ssl.truststore.location=" + escape(s.truststore().toAbsolutePath().toString()),
                "ssl.truststore.password=" + escape(s.storePassword()),
                "ssl.client.auth=required",
                "listener.name.scram.ssl.client.auth=none",
                "sasl.enabled.mechanisms=SCRAM-SHA-512",
                "listener.name.scram.sasl.enabled.mechanisms=SCRAM-SHA-512",
                "listener.name.scram.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "ssl.principal.mapping.rules=" + escape(s.principalMappingRules()),
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "allow.everyone.if.no.acl.found=false",
                "super.users=" + escape(String.join(";", s.superUsers()))));
    }

    /** A value as java.util.Properties reads it back: backslashes (regexes in the mapping rules) doubled. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\");
    }

    /** The broker's own logging: warnings only; its log goes to a file, not to the console. */
    public static String log4jProperties() {
        return String.join("\n", List.of(
                "log4j.rootLogger=WARN, stdout",
                "log4j.appender.stdout=org.apache.log4j.ConsoleAppender",
                "log4j.appender.stdout.layout=org.apache.log4j.PatternLayout",
                "log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n",
                ""));
    }
}
