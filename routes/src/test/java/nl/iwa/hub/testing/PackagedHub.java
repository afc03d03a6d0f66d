package nl.iwa.hub.testing;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.iwa.hub.ops.ChildProcess;

/** The packaged jar as its own process, as in production, on topics, group and transactional id of its own. */
public final class PackagedHub {

    private PackagedHub() {
    }

    /** On the shared secured broker, connecting as the hub with its certificate. */
    public static ChildProcess start(String prefix, String registryUrl, int httpPort) {
        TestInfrastructure infra = TestInfrastructure.get();
        infra.grant(prefix, prefix + "-hub", prefix + "-hub");
        return start(prefix, infra.hubConnection().bootstrapServers(), infra.hubClientConfig(), registryUrl, httpPort);
    }

    /** {@code clientConfig} null: an open broker of the test's own (the hub is told that plaintext is intended). */
    public static ChildProcess start(String prefix, String bootstrapServers, Path clientConfig, String registryUrl, int httpPort) {
        Path jar = Path.of("target", "iwa-hub.jar").toAbsolutePath();
        Path config = Path.of(System.getProperty("iwa.config.dir", "../ops/config")).toAbsolutePath();
        Map<String, String> env = new HashMap<>();
        env.put("IWA_PSEUDONYM_KEY", HubIntegrationTest.TEST_PSEUDONYM_KEY);
        env.put("IWA_CONFIG_DIR", config.toString());
        env.put("IWA_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        if (clientConfig == null) {
            env.put("IWA_KAFKA_ALLOW_PLAINTEXT", "true");
        } else {
            env.put("IWA_KAFKA_CLIENT_CONFIG", clientConfig.toAbsolutePath().toString());
        }
        env.put("IWA_REGISTRY_URL", registryUrl);
        env.put("IWA_KAFKA_GROUP_ID", prefix + "-hub");
        env.put("IWA_KAFKA_TRANSACTIONAL_ID", prefix + "-hub");
        env.put("IWA_TOPICS_PREFIX", prefix);
        env.put("IWA_TOPICS_AUDIT", prefix + ".hub.audit");
        env.put("IWA_TOPICS_CONSENT", prefix + ".hub.consent");
        env.put("IWA_TOPICS_HANDOFFS", prefix + ".hub.handoffs");
        env.put("IWA_TOPICS_DEADLETTER", prefix + ".hub.dlq");
        env.put("SERVER_PORT", Integer.toString(httpPort));
        return ChildProcess.start("hub-" + prefix, List.of(ChildProcess.javaExecutable(), "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-jar", jar.toString()), env, Path.of("target"), Path.of("target", "test-logs", prefix + "-hub.log"));
    }
}
