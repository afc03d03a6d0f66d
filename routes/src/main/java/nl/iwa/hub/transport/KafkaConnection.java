package nl.iwa.hub.transport;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Where the broker is and how the hub proves who it is: one client configuration shared by every Kafka client
 * of the hub (intake, publisher, provisioner, reader, delivery watch, dead-letter replay, health). The security
 * settings come from a standard Kafka client properties file ({@code security.protocol}, {@code ssl.*},
 * {@code sasl.*}), the same file an operator hands to {@code kafka-acls --command-config}; secrets in it can be
 * references resolved by Kafka's config providers ({@code ${file:...}}, {@code ${env:...}}), so none need to be
 * inline.
 */
public record KafkaConnection(String bootstrapServers, Map<String, String> clientProperties) {

    private static final Set<String> SECURED = Set.of("SSL", "SASL_SSL");

    public KafkaConnection {
        clientProperties = Map.copyOf(clientProperties);
    }

    /** Without a client configuration: only for an open broker in tests and tools that say so. */
    public static KafkaConnection plaintext(String bootstrapServers) {
        return new KafkaConnection(bootstrapServers, Map.of());
    }

    /**
     * Reads the client configuration file and refuses a connection that would go in the clear or anonymously,
     * unless {@code allowPlaintext}: a hub that silently fell back to an open listener would undo the trust
     * boundary the ACLs draw.
     */
    public static KafkaConnection load(String bootstrapServers, Path clientConfig, boolean allowPlaintext) {
        Map<String, String> props = new TreeMap<>();
        // an unset IWA_KAFKA_CLIENT_CONFIG binds as an empty path, not as no path
        if (clientConfig != null && !clientConfig.toString().isBlank()) {
            if (!Files.isReadable(clientConfig)) {
                throw new IllegalStateException("the Kafka client configuration " + clientConfig
                        + " (IWA_KAFKA_CLIENT_CONFIG) does not exist or is not readable");
            }
            Properties file = new Properties();
            try (Reader in = Files.newBufferedReader(clientConfig)) {
                file.load(in);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the Kafka client configuration " + clientConfig + ": " + e.getClass().getSimpleName());
            }
            file.stringPropertyNames().forEach(k -> props.put(k, file.getProperty(k).trim()));
            props.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG); // one place for the address: IWA_KAFKA_BOOTSTRAP_SERVERS
        }
        String protocol = props.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT");
        if (!SECURED.contains(protocol) && !allowPlaintext) {
            throw new IllegalStateException("the hub connects to Kafka with security.protocol=" + protocol
                    + ": set IWA_KAFKA_CLIENT_CONFIG to a client properties file with security.protocol=SSL (mutual TLS) "
                    + "or SASL_SSL (SCRAM); IWA_KAFKA_ALLOW_PLAINTEXT=true allows an open broker, for development only");
        }
        return new KafkaConnection(bootstrapServers, props);
    }

    /** A fresh, mutable set of client properties: the address and the security settings. */
    public Properties properties() {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return p;
    }

    public String securityProtocol() {
        return clientProperties.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT");
    }

    /** Never prints the settings: they may hold passwords. */
    @Override
    public String toString() {
        return "KafkaConnection[" + bootstrapServers + ", " + securityProtocol() + "]";
    }
}
