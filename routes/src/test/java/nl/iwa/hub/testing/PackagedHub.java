package nl.iwa.hub.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.iwa.hub.testkit.ChildProcess;
import nl.iwa.hub.testkit.registry.RegistryWriter;

/** The packaged jar as its own process, as in production, on topics, group and transactional id of its own. */
public final class PackagedHub {

    private PackagedHub() {
    }

    /**
     * On the shared secured broker, connecting as the hub with its certificate. Like every start here it returns
     * once the hub has registered its partners' outbox schemas, so partners can publish (they register nothing).
     */
    public static ChildProcess start(String prefix, String registryUrl, int httpPort) {
        return start(prefix, registryUrl, httpPort, Map.of());
    }

    /** With more settings in the environment, e.g. {@code IWA_KAFKA_TRANSACTIONAL_ID}. */
    public static ChildProcess start(String prefix, String registryUrl, int httpPort, Map<String, String> more) {
        TestInfrastructure infra = TestInfrastructure.get();
        infra.grant(prefix, prefix + "-hub", prefix + "-hub");
        return start(prefix, infra.hubConnection().bootstrapServers(), infra.hubClientConfig(), registryUrl,
                infra.registryWriter(), httpPort, more);
    }

    /**
     * {@code clientConfig} null: an open broker of the test's own (the hub is told that plaintext is intended).
     * {@code registryUrl} is the shared registry: the hub uses the shared registry's writer account.
     */
    public static ChildProcess start(String prefix, String bootstrapServers, Path clientConfig, String registryUrl, int httpPort) {
        return start(prefix, bootstrapServers, clientConfig, registryUrl, TestInfrastructure.get().registryWriter(), httpPort);
    }

    /** With the hub's account in the registry at {@code registryUrl} (null: anonymous). */
    public static ChildProcess start(String prefix, String bootstrapServers, Path clientConfig, String registryUrl,
                                     RegistryWriter registryWriter, int httpPort) {
        return start(prefix, bootstrapServers, clientConfig, registryUrl, registryWriter, httpPort, Map.of());
    }

    /** On a broker of the test's own ({@code clientConfig} null: open), with more settings in the environment. */
    public static ChildProcess start(String prefix, String bootstrapServers, Path clientConfig, String registryUrl, int httpPort,
                                     Map<String, String> more) {
        return start(prefix, bootstrapServers, clientConfig, registryUrl, TestInfrastructure.get().registryWriter(), httpPort, more);
    }

    private static ChildProcess start(String prefix, String bootstrapServers, Path clientConfig, String registryUrl,
                                      RegistryWriter registryWriter, int httpPort, Map<String, String> more) {
        Path jar = Path.of("target", "iwa-hub.jar").toAbsolutePath();
        Path config = Path.of(System.getProperty("iwa.config.dir", "../ops/config")).toAbsolutePath();
        Map<String, String> env = new HashMap<>();
        env.put("IWA_PSEUDONYM_KEY", HubIntegrationTest.TEST_PSEUDONYM_KEY);
        env.put("IWA_AUDIT_SIGNING_KEY_FILE", HubIntegrationTest.auditSigningKey().toString());
        env.put("IWA_CONFIG_DIR", config.toString());
        env.put("IWA_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        if (clientConfig == null) {
            env.put("IWA_KAFKA_ALLOW_PLAINTEXT", "true");
        } else {
            env.put("IWA_KAFKA_CLIENT_CONFIG", clientConfig.toAbsolutePath().toString());
        }
        env.put("IWA_REGISTRY_URL", registryUrl);
        if (registryWriter != null) {
            // in the environment, never on the command line (ps shows that)
            env.put("IWA_REGISTRY_USERNAME", registryWriter.username());
            env.put("IWA_REGISTRY_PASSWORD", registryWriter.password());
        }
        env.put("IWA_KAFKA_GROUP_ID", prefix + "-hub");
        env.put("IWA_KAFKA_TRANSACTIONAL_ID", prefix + "-hub");
        env.put("IWA_TOPICS_PREFIX", prefix);
        env.put("IWA_TOPICS_AUDIT", prefix + ".hub.audit");
        env.put("IWA_TOPICS_CONSENT", prefix + ".hub.consent");
        env.put("IWA_TOPICS_HANDOFFS", prefix + ".hub.handoffs");
        env.put("IWA_TOPICS_DEADLETTER", prefix + ".hub.dlq");
        env.put("SERVER_PORT", Integer.toString(httpPort));
        env.putAll(more);
        ChildProcess hub = ChildProcess.start("hub-" + prefix, List.of(ChildProcess.javaExecutable(), "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-jar", jar.toString()), env, Path.of("target"), Path.of("target", "test-logs", prefix + "-hub.log"));
        // partners only look their outbox schema up: they can publish once the hub has registered it (at once
        // after a restart, when it is there already)
        List<String> subjects = TestInfrastructure.get().partners().all().stream()
                .map(p -> prefix + "." + p.id() + ".outbox-value").toList();
        hub.awaitReady(() -> subjects.stream().allMatch(s -> subjectExists(registryUrl, s)), Duration.ofMinutes(3));
        return hub;
    }

    private static boolean subjectExists(String registryUrl, String subject) {
        return ChildProcess.answersOk(registryUrl.replaceAll("/+$", "") + "/groups/default/artifacts/"
                + URLEncoder.encode(subject, StandardCharsets.UTF_8));
    }

    /** The status of the hub's readiness endpoint; -1 while nothing answers. */
    public static int readiness(int httpPort) {
        try {
            java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://localhost:" + httpPort + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(5)).GET().build();
            return java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
