package nl.iwa.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import nl.iwa.hub.testing.HubIntegrationTest;
import nl.iwa.hub.testkit.residents.SyntheticResidents;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What a page elsewhere can make a browser send with a cached Basic login: forms, text bodies, bodiless
 * POSTs, preflights. None of it reaches a controller, and no answer carries a CORS permission.
 */
class CrossSiteRequestIT extends HubIntegrationTest {

    private static final String FOREIGN = "https://forms.elsewhere.example";

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpRequest.Builder as(String user, String password, String path) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", "Basic " + basic);
    }

    private HttpResponse<String> subjectAccess(String contentType, String body) throws Exception {
        return http.send(as("privacy-officer", PRIVACY_OFFICER_PASSWORD, "/api/privacy/subject-access")
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":" + status);
    }

    @Test
    void aTextOrFormBodyIsRefusedAsUnsupportedBeforeAnyControllerReadsIt() throws Exception {
        String bsn = SyntheticResidents.next().getBsn();

        HttpResponse<String> text = subjectAccess("text/plain", "{\"bsn\":\"" + bsn + "\"}");
        HttpResponse<String> form = subjectAccess("application/x-www-form-urlencoded", "bsn=" + bsn);

        assertProblem(text, 415);
        assertProblem(form, 415);
        assertThat(text.body() + form.body()).doesNotContain(bsn);
    }

    @Test
    void jsonIsAcceptedAlsoAsAStructuredSyntaxType() throws Exception {
        String query = "{\"bsn\":\"" + SyntheticResidents.next().getBsn() + "\"}";

        assertThat(subjectAccess("application/json; charset=utf-8", query).statusCode()).isEqualTo(200);
        assertThat(subjectAccess("application/vnd.iwa.query+json", query).statusCode()).isEqualTo(200);
    }

    @Test
    void aBodilessChangeNeedsNoTypeButAnEmptyFormIsStillAForm() throws Exception {
        HttpResponse<String> bare = http.send(as("ops", OPS_PASSWORD, "/api/ops/dead-letters/7/0/replay")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> emptyForm = http.send(as("ops", OPS_PASSWORD, "/api/ops/dead-letters/7/0/replay")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(bare.statusCode()).isEqualTo(404);
        assertProblem(emptyForm, 415);
    }

    @Test
    void aChangeSentFromAWebPageIsRefusedWhateverItsType() throws Exception {
        HttpResponse<String> fromAPage = http.send(as("ops", OPS_PASSWORD, "/api/ops/dead-letters/7/0/replay")
                .header("Origin", FOREIGN).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertProblem(fromAPage, 403);
    }

    @Test
    void noAnswerGrantsAnotherOriginAnything() throws Exception {
        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/privacy/subject-access"))
                .header("Origin", FOREIGN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> read = http.send(as("privacy-officer", PRIVACY_OFFICER_PASSWORD, "/api/privacy/policies")
                .header("Origin", FOREIGN).GET().build(), HttpResponse.BodyHandlers.ofString());

        // anonymous, as every preflight is, so refused (401); Spring MVC, rendering the error page of a preflight
        // it has no CORS configuration for, makes that its own refusal ("Invalid CORS request", 403)
        assertThat(preflight.statusCode()).isIn(401, 403);
        assertThat(read.statusCode()).isEqualTo(200);
        for (HttpResponse<String> response : List.of(preflight, read)) {
            assertThat(response.headers().map().keySet())
                    .noneMatch(name -> name.toLowerCase(Locale.ROOT).startsWith("access-control-"));
        }
    }
}
