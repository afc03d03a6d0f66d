package nl.iwa.hub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import nl.iwa.hub.testing.HubIntegrationTest;
import nl.iwa.hub.testing.TestTokenIssuer;
import nl.iwa.hub.testing.TestTokenIssuer.Misbehaviour;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console's login through a real OIDC provider over HTTP ({@link TestTokenIssuer}: discovery, authorization
 * with PKCE, token, JWK set) in a real headless Chromium, against the hub of the shared test context: the person's
 * roles claim decides the pages, as for the API's bearer tokens; a person without a hub role gets no page; and a
 * provider answer with another state, or an ID token with another nonce, logs nobody in.
 */
class ConsoleOidcIT extends HubIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> OFFICER_PAGES = List.of("/console/flows", "/console/audit", "/console/subject-access");
    private static final List<String> OPS_PAGES = List.of("/console/delivery");

    static ConsoleBrowser browser;

    @LocalServerPort
    int port;

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
    }

    /** A fresh browser session at the hub, signed in at the provider as a new person, through the login page's link. */
    private void logInThroughTheProvider(Misbehaviour misbehaviour, String... roles) {
        if (browser == null) {
            browser = new ConsoleBrowser(port);
        }
        browser.forget();
        browser.driver().get(TestTokenIssuer.get().signInAddress(misbehaviour, roles));
        browser.open("/console/login");
        browser.driver().findElement(By.id("oidc-login")).click();
    }

    private void awaitAddress(String path) {
        await().atMost(WAIT).until(() -> browser.driver().getCurrentUrl().equals(browser.base() + path));
    }

    @Test
    void aPersonWithRoleOpsSeesTheOpsPagesAndNotThePrivacyOfficers() {
        logInThroughTheProvider(Misbehaviour.NONE, "OPS", "offline_access");
        awaitAddress("/console");
        assertThat(browser.navigation()).containsExactly("Overdrachten", "Aflevering");
        // named as the API names a bearer token's subject, so the audit trail names one person one way
        assertThat(browser.driver().findElement(By.cssSelector("header form.logout span")).getText()).contains("oidc:");
        browser.open("/console/delivery");
        assertThat(browser.h1()).isEqualTo("Aflevering");
        for (String page : OFFICER_PAGES) {
            assertThat(browser.send("GET", page, null).statusCode()).as(page).isEqualTo(403);
        }
        assertThat(browser.accessibilityViolations()).isEmpty();

        // logging out ends the hub's session
        browser.driver().findElement(By.cssSelector("header form.logout button")).click();
        awaitAddress("/console/login?logout");
        assertThat(browser.send("GET", "/console/delivery", null).statusCode()).isEqualTo(302);
    }

    @Test
    void aPersonWithRolePrivacyOfficerSeesTheOfficersPagesAndNotDelivery() {
        logInThroughTheProvider(Misbehaviour.NONE, "PRIVACY_OFFICER");
        awaitAddress("/console");
        assertThat(browser.navigation()).containsExactly("Stromen", "Audit", "Inzageverzoek", "Overdrachten");
        for (String page : OPS_PAGES) {
            assertThat(browser.send("GET", page, null).statusCode()).as(page).isEqualTo(403);
        }
    }

    @Test
    void aPersonWithoutAHubRoleGetsNoPage() {
        logInThroughTheProvider(Misbehaviour.NONE, "offline_access", "uma_authorization");
        awaitAddress("/console/login?norole");
        assertThat(browser.driver().findElement(By.cssSelector("main [role=alert]")).getText()).contains("geen rol");
        assertThat(browser.accessibilityViolations()).isEmpty();
        assertNotLoggedIn();
    }

    @Test
    void anAnswerWithAnotherStateLogsNobodyIn() {
        logInThroughTheProvider(Misbehaviour.WRONG_STATE, "OPS");
        awaitAddress("/console/login?oidcerror");
        assertThat(browser.driver().findElement(By.cssSelector("main [role=alert]")).getText()).contains("mislukt");
        assertNotLoggedIn();
    }

    @Test
    void anIdTokenWithAnotherNonceLogsNobodyIn() {
        logInThroughTheProvider(Misbehaviour.WRONG_NONCE, "OPS");
        awaitAddress("/console/login?oidcerror");
        assertNotLoggedIn();
    }

    @Test
    void aCodeWithoutTheBrowserThatAskedForItLogsNobodyIn() throws Exception {
        // the provider's answer brought to the hub by someone else: without the login cookie of the browser that started it
        HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/console/login/oauth2/code/idp?code=any&state=any")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location").orElseThrow()).endsWith("/console/login?oidcerror");
        assertThat(answer.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("JSESSIONID"));
    }

    private void assertNotLoggedIn() {
        for (String page : List.of("/console", "/console/handoffs", "/console/delivery", "/console/flows")) {
            HttpResponse<String> answer = browser.send("GET", page, null);
            assertThat(answer.statusCode()).as(page).isEqualTo(302);
            assertThat(answer.headers().firstValue("Location")).as(page).hasValue(browser.base() + "/console/login");
        }
    }
}
