package nl.iwa.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.Cookie;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

class BrowserBoundLoginRequestsTest {

    private Instant now = Instant.parse("2026-12-03T10:00:00Z");
    private static final int MAX_WAITING = 200;
    private final BrowserBoundLoginRequests requests = new BrowserBoundLoginRequests(new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }, MAX_WAITING);

    private static OAuth2AuthorizationRequest request(String state) {
        return OAuth2AuthorizationRequest.authorizationCode().authorizationUri("https://idp.example/auth").clientId("console")
                .redirectUri("https://hub.example/console/login/oauth2/code/idp").state(state)
                .attributes(Map.of("nonce", "secret-nonce")).build();
    }

    /** Starts a login and returns the cookie the browser got for it. */
    private Cookie start(String state) {
        MockHttpServletRequest start = new MockHttpServletRequest("GET", "/console/oauth2/authorization/idp");
        start.setSecure(true);
        MockHttpServletResponse response = new MockHttpServletResponse();
        requests.saveAuthorizationRequest(request(state), start, response);
        String header = response.getHeader("Set-Cookie");
        assertThat(header).startsWith(BrowserBoundLoginRequests.COOKIE + "=").contains("Path=/console/login/oauth2", "HttpOnly",
                "SameSite=Lax", "Secure", "Max-Age=300");
        // the cookie carries a random id only: neither the state, nor the nonce, nor the PKCE verifier
        assertThat(header).doesNotContain(state, "secret-nonce");
        return new Cookie(BrowserBoundLoginRequests.COOKIE, header.substring(header.indexOf('=') + 1, header.indexOf(';')));
    }

    private static MockHttpServletRequest answer(Cookie cookie, String state) {
        MockHttpServletRequest answer = new MockHttpServletRequest("GET", "/console/login/oauth2/code/idp");
        answer.setParameter("code", "c");
        answer.setParameter("state", state);
        if (cookie != null) {
            answer.setCookies(cookie);
        }
        return answer;
    }

    @Test
    void theBrowserThatStartedTheLoginGetsItsRequestBackOnceWithTheSameState() {
        Cookie cookie = start("state-1");
        MockHttpServletResponse response = new MockHttpServletResponse();
        assertThat(requests.removeAuthorizationRequest(answer(cookie, "state-1"), response).getState()).isEqualTo("state-1");
        assertThat(response.getHeader("Set-Cookie")).contains("Max-Age=0");
        assertThat(requests.removeAuthorizationRequest(answer(cookie, "state-1"), new MockHttpServletResponse())).isNull();
    }

    @Test
    void anotherStateOrAnotherBrowserOrNoCookieGetsNothing() {
        Cookie cookie = start("state-1");
        Cookie other = start("state-2");
        assertThat(requests.removeAuthorizationRequest(answer(cookie, "state-1x"), new MockHttpServletResponse())).isNull();
        assertThat(requests.removeAuthorizationRequest(answer(other, "state-1"), new MockHttpServletResponse())).isNull();
        assertThat(requests.removeAuthorizationRequest(answer(null, "state-1"), new MockHttpServletResponse())).isNull();
        assertThat(requests.removeAuthorizationRequest(answer(new Cookie(BrowserBoundLoginRequests.COOKIE, "guess"), "state-1"),
                new MockHttpServletResponse())).isNull();
        // a wrong answer does not use the login up: the right one still completes it
        assertThat(requests.removeAuthorizationRequest(answer(cookie, "state-1"), new MockHttpServletResponse())).isNotNull();
    }

    @Test
    void aLoginWaitsFiveMinutesAtMost() {
        Cookie cookie = start("state-1");
        now = now.plus(BrowserBoundLoginRequests.VALID).plus(Duration.ofSeconds(1));
        assertThat(requests.removeAuthorizationRequest(answer(cookie, "state-1"), new MockHttpServletResponse())).isNull();
    }

    @Test
    void anonymousStartsCannotFillTheMemory() {
        for (int i = 0; i < MAX_WAITING + 50; i++) {
            requests.saveAuthorizationRequest(request("s" + i), new MockHttpServletRequest(), new MockHttpServletResponse());
        }
        assertThat(requests.waiting()).isLessThanOrEqualTo(MAX_WAITING);
        // and a login started now still completes
        Cookie cookie = start("mine");
        assertThat(requests.removeAuthorizationRequest(answer(cookie, "mine"), new MockHttpServletResponse())).isNotNull();
    }
}
