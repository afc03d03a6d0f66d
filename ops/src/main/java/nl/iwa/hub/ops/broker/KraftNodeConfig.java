package nl.iwa.hub.ops.broker;

import java.nio.file.Path;
import java.util.List;

/**
 * The configuration of a single-node KRaft cluster: one JVM that is both broker and controller, with every
 * replication factor at 1. Kept apart from the process handling so that the settings can be read and tested.
 */
public record KraftNodeConfig(int port, int controllerPort, Path dataDir) {

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
                "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
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
                ""));
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
