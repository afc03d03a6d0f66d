package nl.iwa.hub.connectors.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestBindingMode;
import org.springframework.stereotype.Component;

/**
 * The REST ingress under {@value #BASE} on the hub's own web server (platform-http on Spring MVC, behind the
 * hub's security chain, size limit and JSON guard): one POST per kind of message, and the OpenAPI document that
 * describes them ({@value #OPENAPI}, checked in and compared with these routes by a test). Thin: the work is in
 * {@link RestIngress}.
 */
@Component
public class RestIngressRoutes extends RouteBuilder {

    public static final String BASE = "/api/connect/v1";
    public static final String OPENAPI = "/openapi.yaml";
    public static final String OPENAPI_RESOURCE = "openapi/iwa-connect-v1.yaml";

    private final RestIngress ingress;

    public RestIngressRoutes(RestIngress ingress) {
        this.ingress = ingress;
    }

    @Override
    public void configure() {
        restConfiguration().component("platform-http").bindingMode(RestBindingMode.off);
        byte[] openApi = openApiDocument();

        rest(BASE).get(OPENAPI).id("connect-openapi").produces("application/yaml").to("direct:connect-openapi");
        from("direct:connect-openapi").routeId("connect-openapi-document")
                .process(e -> reply(e, 200, "application/yaml", Map.of(), openApi));

        for (MessageKind kind : MessageKind.values()) {
            String direct = "direct:connect-" + kind.name().toLowerCase().replace('_', '-');
            rest(BASE).post(kind.path()).id("connect-" + kind.name().toLowerCase().replace('_', '-'))
                    .consumes("application/json").produces("application/json").to(direct);
            from(direct).routeId("connect-rest-" + kind.name().toLowerCase().replace('_', '-'))
                    .process(e -> {
                        RestAnswer answer = ingress.handle(kind, RestCaller.partnerOf(e), e.getIn().getBody(byte[].class), BASE + kind.path());
                        reply(e, answer.status(), answer.contentType(), answer.headers(), answer.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    });
        }
    }

    /** Only the headers chosen here: none of the request's (its Authorization among them) may be echoed. */
    private static void reply(Exchange exchange, int status, String contentType, Map<String, String> headers, byte[] body) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, contentType);
        headers.forEach(exchange.getMessage()::setHeader);
        exchange.getMessage().setBody(body);
    }

    static byte[] openApiDocument() {
        try (InputStream in = RestIngressRoutes.class.getClassLoader().getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(OPENAPI_RESOURCE + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
