package nl.iwa.hub.observability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import nl.iwa.hub.config.HubProperties;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/** Up when the schema registry's system endpoint answers 200 within three seconds. */
@Component("schemaRegistry")
public class SchemaRegistryHealthIndicator extends AbstractHealthIndicator {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final URI systemInfo;

    public SchemaRegistryHealthIndicator(HubProperties props) {
        super("Schema registry unreachable");
        this.systemInfo = URI.create(props.registry().url().replaceAll("/+$", "") + "/system/info");
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(systemInfo).timeout(Duration.ofSeconds(3)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
            builder.up().withDetail("url", systemInfo.toString());
        } else {
            builder.down().withDetail("status", r.statusCode());
        }
    }
}
