package nl.iwa.hub.testkit.broker;

import java.util.Map;
import java.util.Properties;

/** How one client reaches the broker: the listener's address and its security settings (certificate or SCRAM). */
public record ClientSettings(String bootstrapServers, Map<String, String> security) {

    public ClientSettings {
        security = Map.copyOf(security);
    }

    /** An open broker's client: no security settings. */
    public static ClientSettings plaintext(String bootstrapServers) {
        return new ClientSettings(bootstrapServers, Map.of());
    }

    /** A fresh, mutable set of client properties to add a client's own settings to. */
    public Properties properties() {
        Properties p = new Properties();
        p.putAll(security);
        p.put("bootstrap.servers", bootstrapServers);
        return p;
    }
}
