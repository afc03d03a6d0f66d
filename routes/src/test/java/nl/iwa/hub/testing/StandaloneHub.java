package nl.iwa.hub.testing;

import java.nio.file.Path;
import java.time.Clock;
import nl.iwa.hub.HubApplication;
import nl.iwa.hub.testkit.registry.RegistryWriter;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * A hub of its own, on its own topics (prefix) and consumer group, on the shared broker and registry: for
 * tests that stop and start the hub, which the shared test context cannot do without disturbing others.
 */
public final class StandaloneHub implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private StandaloneHub(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static StandaloneHub start(String prefix) {
        TestInfrastructure infra = TestInfrastructure.get();
        return start(prefix, infra.registryUrl(), infra.registryWriter());
    }

    /** With more settings, e.g. {@code --iwa.audit.accept-broken-trail-head=...}; one named here replaces its default. */
    public static StandaloneHub start(String prefix, String... more) {
        TestInfrastructure infra = TestInfrastructure.get();
        return start(prefix, infra.registryUrl(), infra.registryWriter(), more);
    }

    /** With a registry of its own, e.g. one a test stops and starts, and the hub's account there (null: anonymous). */
    public static StandaloneHub start(String prefix, String registryUrl, RegistryWriter registryWriter, String... more) {
        return start(TestClock.INSTANCE, prefix, registryUrl, registryWriter, more);
    }

    /** With a clock of its own ({@link TestClock#apart()}), which the test moves without moving the other hubs. */
    public static StandaloneHub start(Clock clock, String prefix, String... more) {
        TestInfrastructure infra = TestInfrastructure.get();
        return start(clock, prefix, infra.registryUrl(), infra.registryWriter(), more);
    }

    private static StandaloneHub start(Clock clock, String prefix, String registryUrl, RegistryWriter registryWriter,
                                       String... more) {
        TestInfrastructure infra = TestInfrastructure.get();
        infra.grant(prefix, prefix + "-hub", prefix + "-hub");
        Path config = Path.of(System.getProperty("iwa.config.dir", "../ops/config"));
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(HubApplication.class)
                .initializers(c -> ((GenericApplicationContext) c).registerBean("testClock", Clock.class,
                        () -> clock, bd -> bd.setPrimary(true)))
                .run(overridden(java.util.stream.Stream.of(
                        "--iwa.kafka.bootstrap-servers=" + infra.hubConnection().bootstrapServers(),
                        "--iwa.kafka.client-config=" + infra.hubClientConfig(),
                        "--iwa.registry.url=" + registryUrl,
                        // in-process arguments, not a command line that ps shows
                        "--iwa.registry.username=" + (registryWriter == null ? "" : registryWriter.username()),
                        "--iwa.registry.password=" + (registryWriter == null ? "" : registryWriter.password()),
                        "--iwa.pseudonym.key=" + HubIntegrationTest.TEST_PSEUDONYM_KEY,
                        "--iwa.audit.signing-key-file=" + HubIntegrationTest.auditSigningKey(),
                        "--iwa.config.partners=" + config.resolve("partners.yaml"),
                        "--iwa.config.policies=" + config.resolve("policies.yaml"),
                        "--iwa.topics.prefix=" + prefix,
                        "--iwa.topics.audit=" + prefix + ".hub.audit",
                        "--iwa.topics.consent=" + prefix + ".hub.consent",
                        "--iwa.topics.handoffs=" + prefix + ".hub.handoffs",
                        "--iwa.topics.dead-letter=" + prefix + ".hub.dlq",
                        "--iwa.kafka.group-id=" + prefix + "-hub",
                        "--iwa.kafka.transactional-id=" + prefix + "-hub",
                        "--iwa.handoffs.check-period-ms=200",
                        "--iwa.intake.update-wait=" + HubIntegrationTest.UPDATE_WAIT,
                        "--iwa.security.ops-password=" + HubIntegrationTest.OPS_PASSWORD,
                        "--camel.main.jmx-enabled=false",
                        "--server.port=0"), more));
        return new StandaloneHub(ctx);
    }

    /**
     * The defaults without those that {@code more} sets again, then {@code more}: Spring joins a repeated
     * {@code --key=} into "a,b", so e.g. a test's own {@code --iwa.config.partners} must replace the default.
     */
    private static String[] overridden(java.util.stream.Stream<String> defaults, String... more) {
        java.util.Set<String> keys = java.util.Arrays.stream(more).map(a -> a.split("=", 2)[0]).collect(java.util.stream.Collectors.toSet());
        return java.util.stream.Stream.concat(defaults.filter(a -> !keys.contains(a.split("=", 2)[0])),
                java.util.Arrays.stream(more)).toArray(String[]::new);
    }

    public int port() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    @Override
    public void close() {
        context.close();
    }
}
