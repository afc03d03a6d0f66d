package nl.iwa.hub.observability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Up when the schema registry's system endpoint answers 200 within three seconds, asked with the hub's own
 * registry account where it has one: wrong credentials show as DOWN (401) here, not only at the next write.
 */
public class SchemaRegistryHealthIndicator extends AbstractHealthIndicator {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final URI systemInfo;
    private final Optional<String> authorization;

    public SchemaRegistryHealthIndicator(nl.iwa.hub.transport.RegistryAccount registry) {
        super("Schema registry unreachable");
        this.systemInfo = URI.create(registry.url().replaceAll("/+$", "") + "/system/info");
        this.authorization = registry.basicAuthorization();
    }

    /**
     * Whether the registry answers now: a topology paused for it asks this every second before it resumes, so it
     * neither logs nor throws.
     */
    public boolean answers() {
        try {
            return status() == 200;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        int status = status();
        if (status == 200) {
            builder.up().withDetail("url", systemInfo.toString());
        } else {
            builder.down().withDetail("status", status);
        }
    }

    private int status() throws java.io.IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(systemInfo).timeout(Duration.ofSeconds(3));
        authorization.ifPresent(value -> request.header("Authorization", value));
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
