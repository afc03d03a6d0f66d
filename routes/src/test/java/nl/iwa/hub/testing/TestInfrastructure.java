package nl.iwa.hub.testing;

import java.nio.file.Path;
import nl.iwa.hub.ops.registry.ApicurioRegistry;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One real KRaft broker (in-process) and one real Apicurio registry (child JVM) per test JVM: each costs
 * seconds and hundreds of MB, so test classes share them and keep apart by ids instead.
 */
public final class TestInfrastructure {

    private static TestInfrastructure instance;

    private final EmbeddedKafkaKraftBroker broker;
    private final ApicurioRegistry registry;

    private TestInfrastructure() {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
        broker.brokerProperty("auto.create.topics.enable", "true");
        // room for the oversized-record case of the bad-input corpus (the hub itself refuses > 1 MiB)
        broker.brokerProperty("message.max.bytes", Integer.toString(3 * 1024 * 1024));
        // the hub writes in transactions; one broker holds the transaction log
        broker.brokerProperty("transaction.state.log.replication.factor", "1");
        broker.brokerProperty("transaction.state.log.min.isr", "1");
        broker.afterPropertiesSet();
        registry = ApicurioRegistry.start(Path.of("target", "test-logs"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            registry.close();
            broker.destroy();
        }, "stop-test-infrastructure"));
    }

    public static synchronized TestInfrastructure get() {
        if (instance == null) {
            instance = new TestInfrastructure();
        }
        return instance;
    }

    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    public String registryUrl() {
        return registry.apiUrl();
    }

    public ApicurioRegistry registry() {
        return registry;
    }
}
