package nl.iwa.hub.connectors.files;

import java.time.Clock;
import java.util.Optional;
import nl.iwa.hub.connectors.ConnectorHub;
import nl.iwa.hub.connectors.ConnectorPartner;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.remote.RemoteFileEndpoint;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * One route per partner with {@code connectors.files}: picks up {@code *.csv} files from its folder once they
 * have stopped changing, hands the bytes to {@link FileBatchIntake}, writes {@code <name>.report.json} beside the
 * file and moves the file to {@code .done/} (with a time stamp, so a same-named file later is kept apart). A file
 * whose processing fails (the broker away) stays where it is and is picked up again; its progress makes the retry
 * resume rather than repeat.
 *
 * <p>In production the drop is an SFTP directory ({@code connectors.files.sftp}, see {@link DropEndpoints}): the
 * same route on a camel-ftp endpoint, with the same options; the report is written back through it, beside the file
 * on the server.
 */
@Component
public class FileIntakeRoutes extends RouteBuilder implements DisposableBean {

    /** Signals per Kafka transaction: small enough to redo quickly after a crash, large enough to be fast. */
    static final int CHUNK = 500;

    private final ConnectorHub hub;
    private final Environment env;
    private final FileBatchIntake intake;

    public FileIntakeRoutes(ConnectorHub hub, Environment env, Clock clock) {
        this.hub = hub;
        this.env = env;
        this.intake = new FileBatchIntake(hub, hub.transactionalIdPrefix() + "files", CHUNK, clock, chunk -> { });
    }

    @Override
    public void configure() {
        for (ConnectorPartner partner : hub.connectorPartners()) {
            if (!partner.dropsFiles()) {
                continue;
            }
            String base = DropEndpoints.uri(partner.settings().files());
            Optional<String> password = DropEndpoints.password(partner.settings().files(), System::getenv);
            String options = "include=(?i).*\\.csv"
                    // a file still being written (size or time stamp changing) is left until it is complete
                    + "&readLock=changed&readLockCheckInterval=500&readLockMinAge=1000"
                    + "&move=.done/${file:name.noext}-${date:now:yyyyMMddHHmmssSSS}.${file:ext}"
                    + "&delay=" + env.getProperty("iwa.connectors.files.poll-delay-ms", "1000");
            from(endpoint(base + (base.contains("?") ? "&" : "?") + options, password))
                    .routeId("files-" + partner.id())
                    .process(exchange -> process(partner, exchange))
                    .to(endpoint(base, password));
        }
    }

    private void process(ConnectorPartner partner, Exchange exchange) {
        String name = exchange.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        byte[] content = exchange.getIn().getBody(byte[].class);
        FileReport report = FileReport.of(name, intake.process(partner, name, content));
        exchange.getIn().setBody(report.json());
        exchange.getIn().setHeader(Exchange.FILE_NAME, name + ".report.json");
    }

    /** The endpoint, with the SFTP password set on it rather than written in its URI. */
    private Endpoint endpoint(String uri, Optional<String> password) {
        Endpoint endpoint = getContext().getEndpoint(uri);
        password.ifPresent(p -> ((RemoteFileEndpoint<?>) endpoint).getConfiguration().setPassword(p));
        return endpoint;
    }

    @Override
    public void destroy() {
        intake.close();
    }
}
