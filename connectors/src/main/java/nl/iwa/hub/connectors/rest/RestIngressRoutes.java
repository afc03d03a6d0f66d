package nl.iwa.hub.connectors.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.apache.camel.model.rest.RestBindingMode;
import org.apache.camel.model.rest.RestDefinition;
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
    /**
     * The request attribute the hub's size limit sets (to the limit in bytes, a Long) when a body passed it while
     * being read: how this route tells a refused body from one the client broke off.
     */
    public static final String BODY_OVER_LIMIT = "nl.iwa.hub.request-body-over-limit";
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
            RestDefinition post = rest(BASE).post(kind.path()).id("connect-" + kind.name().toLowerCase().replace('_', '-'))
                    .consumes("application/json").produces("application/json");
            // no stream caching: it would read the body before the processor below, where a body stopped by the hub's
            // size limit could no longer be answered with a 413 problem (Camel would answer a bare 500)
            post.getVerbs().get(post.getVerbs().size() - 1).streamCache("false");
            post.to(direct);
            from(direct).routeId("connect-rest-" + kind.name().toLowerCase().replace('_', '-'))
                    .noStreamCaching()
                    .process(e -> {
                        byte[] body = body(e);
                        RequestRefused overLimit = overLimit(e);
                        RestAnswer answer = overLimit != null ? RestAnswer.problem(overLimit, BASE + kind.path())
                                : ingress.handle(kind, RestCaller.partnerOf(e), body, BASE + kind.path());
                        reply(e, answer.status(), answer.contentType(), answer.headers(), answer.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    });
        }
    }

    /**
     * The body, read here (Camel reads it lazily), or null if it could not be read: stopped by the hub's size limit
     * ({@link #overLimit}) or broken off by the client, who then reads no answer either.
     */
    private static byte[] body(Exchange exchange) {
        try {
            return exchange.getIn().getBody(byte[].class);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /** A 413 problem if the hub's size limit stopped the body while it was read ({@link #BODY_OVER_LIMIT}), else null. */
    private static RequestRefused overLimit(Exchange exchange) {
        if (exchange.getIn() instanceof PlatformHttpMessage message && message.getRequest() != null
                && message.getRequest().getAttribute(BODY_OVER_LIMIT) instanceof Long limit) {
            return new RequestRefused(413, "Content Too Large", "the request body is larger than " + limit + " bytes");
        }
        return null;
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
