package nl.iwa.hub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import nl.iwa.hub.contract.common.Subject;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.deadletter.DeadLetter;
import nl.iwa.hub.deadletter.DeadLetterReplay;
import nl.iwa.hub.handoff.HandoffOverview;
import nl.iwa.hub.testing.AuditProbe;
import nl.iwa.hub.testing.HubIntegrationTest;
import nl.iwa.hub.testkit.messages.Bodies;
import nl.iwa.hub.testkit.partner.PartnerClient;
import nl.iwa.hub.testkit.residents.SyntheticResidents;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console in a real headless Chromium against the hub of the shared test context (real broker and registry):
 * each role logs in through the form and sees its own pages only, every page passes axe-core without findings of
 * any impact and holds no resident's data (but the subject access answer), an anonymous browser is sent
 * to the login form, changes need the CSRF token, a subject access request finds the resident's flows and
 * downloads them as CSV, and ops replay a dead letter from the page once. One browser for the class.
 */
class ConsoleIT extends HubIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Every page of the console, and whose it is. */
    private static final List<String> OFFICER_PAGES = List.of("/console/flows", "/console/audit", "/console/subject-access");
    private static final List<String> OPS_PAGES = List.of("/console/delivery");
    private static final List<String> SHARED_PAGES = List.of("/console", "/console/handoffs");

    static PartnerClient housing;
    static PartnerClient uwv;
    static PartnerClient gp;
    static AuditProbe audit;
    static ConsoleBrowser browser;
    /** The resident of the subject access request and the flow about them; the one of a handoff the GP makes. */
    static Subject resident;
    static OutboxMessage signal;
    static Subject referred;
    static OutboxMessage handoff;
    static RecordMetadata unreadable;

    @LocalServerPort
    int port;
    @Autowired
    HandoffOverview handoffs;
    @Autowired
    DeadLetterReplay deadLetters;

    @BeforeAll
    static void partners() {
        housing = partner("housing-mijnstreek");
        uwv = partner("uwv-zuid-limburg");
        gp = partner("gp-heerlen-centrum");
        audit = new AuditProbe();
    }

    /** Once per class, from the first test (the hub's topics exist only once its context runs). */
    static synchronized void traffic() {
        if (resident != null) {
            return;
        }
        resident = SyntheticResidents.next();
        signal = housing.message("socialteam-heerlen", "EARLY_DEBT_SIGNALLING", Bodies.rentArrears(resident))
                .setCorrelationId(UUID.randomUUID().toString()).build();
        housing.send(signal);
        referred = SyntheticResidents.next();
        String caseId = UUID.randomUUID().toString();
        gp.send(gp.message("hub", "PSYCHOSOCIAL_SUPPORT", Bodies.grant(UUID.randomUUID().toString(), referred, "PSYCHOSOCIAL_SUPPORT",
                "socialteam-heerlen", "IDENTITY", "CONTACT", "WELLBEING")).setCorrelationId(caseId).build());
        handoff = gp.message("socialteam-heerlen", "PSYCHOSOCIAL_SUPPORT", Bodies.psychosocial(referred)).setCorrelationId(caseId).build();
        gp.send(handoff);
        // bytes that are no record at all: parked on the dead-letter topic with their coordinates
        unreadable = uwv.sendRaw(new byte[] {0, 0, 1});
    }

    @AfterAll
    static void close() {
        Stream.of(housing, uwv, gp).forEach(PartnerClient::close);
        audit.close();
        if (browser != null) {
            browser.close();
        }
    }

    ConsoleBrowser browser() {
        traffic();
        if (browser == null) {
            browser = new ConsoleBrowser(port);
        }
        return browser;
    }

    @Test
    void eachRoleSeesItsOwnPagesEachAccessibleAndFreeOfResidentsData() {
        traffic();
        String handoffId = await().atMost(WAIT).ignoreException(HandoffOverview.NotReady.class).until(() -> handoffs.openMatching(h -> true).stream()
                .filter(h -> handoff.getCorrelationId().equals(h.getCorrelationId())).map(h -> h.getHandoffId()).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        await().atMost(WAIT).until(() -> ourDeadLetter().isPresent());
        Map<String, List<String>> findings = new LinkedHashMap<>();

        // the privacy officer: flows, audit, subject access and handoffs; delivery is refused
        browser().logIn("privacy-officer", PRIVACY_OFFICER_PASSWORD);
        assertThat(browser.navigation()).containsExactly("Stromen", "Audit", "Inzageverzoek", "Overdrachten");
        for (String page : concat(SHARED_PAGES, OFFICER_PAGES, List.of("/console/handoffs/" + handoffId, "/console/audit/verify"))) {
            visit(page, "officer", findings);
        }
        for (String page : OPS_PAGES) {
            assertThat(browser.send("GET", page, null).statusCode()).as(page).isEqualTo(403);
        }
        browser.open("/console/delivery");
        assertThat(browser.h1()).isEqualTo("Niet voor uw rol");
        visit("/console/delivery", "denied", findings);

        // ops: handoffs and delivery; the privacy officer's pages are refused
        browser.logIn("ops", OPS_PASSWORD);
        assertThat(browser.navigation()).containsExactly("Overdrachten", "Aflevering");
        for (String page : concat(SHARED_PAGES, OPS_PAGES, List.of("/console/handoffs/" + handoffId))) {
            visit(page, "ops", findings);
        }
        DeadLetter parked = ourDeadLetter().orElseThrow();
        visit("/console/delivery/dead-letters/" + parked.partition() + "/" + parked.offset(), "ops", findings);
        for (String page : OFFICER_PAGES) {
            assertThat(browser.send("GET", page, null).statusCode()).as(page).isEqualTo(403);
        }
        browser.forget();
        visit("/console/login", "anonymous", findings);

        assertThat(findings).as("axe-core findings of any impact, per page").isEmpty();
    }

    @Test
    void theFlowsPageChartsWhatWasNotPassedOnPerDayAndReason() {
        traffic();
        await().atMost(WAIT).until(() -> ourDeadLetter().isPresent());
        browser().logIn("privacy-officer", PRIVACY_OFFICER_PASSWORD);
        browser.open("/console/flows");

        // the unreadable bytes uwv sent were parked: an UNDECODABLE part of a day's bar, and a count in the table
        assertThat(browser.driver().findElements(By.cssSelector("#blocked-chart rect"))).isNotEmpty();
        WebElement table = browser.driver().findElement(By.id("blocked-table"));
        List<String> header = table.findElements(By.cssSelector("thead th")).stream()
                .map(e -> e.getAttribute("textContent").strip()).toList();
        int column = header.indexOf("UNDECODABLE");
        assertThat(column).as("a column per reason: %s", header).isPositive();
        long undecodable = table.findElements(By.cssSelector("tbody tr")).stream()
                .mapToLong(row -> Long.parseLong(row.findElements(By.cssSelector("th, td")).get(column).getAttribute("textContent").strip()))
                .sum();
        assertThat(undecodable).isGreaterThanOrEqualTo(1);

        // and each policy says whether and to whom its parties are made known (involvement notices)
        String rentArrears = browser.driver().findElement(By.id("policy-housing-socialteam-rent-arrears")).getAttribute("textContent");
        assertThat(rentArrears).contains("PUBLIC_TASK", "SUPPORT_COORDINATION", "WORK_AND_INCOME");
        String enforcement = browser.driver().findElement(By.id("policy-uwv-wi-enforcement-benefit-overlap")).getAttribute("textContent");
        assertThat(enforcement).doesNotContain("SUPPORT_COORDINATION");
    }

    /** Opens a page, checks it for resident data and with axe-core, and keeps a screenshot of it. */
    private void visit(String path, String as, Map<String, List<String>> findings) {
        browser.open(path);
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(browser.base() + path);
        assertNoResidentData(path);
        // every text of the page is in the message files (Thymeleaf shows a missing one as ??key_nl??)
        assertThat(browser.driver().getPageSource()).as(path).doesNotContainPattern("\\?\\?[A-Za-z.]+_[a-z]{2}\\?\\?");
        List<String> violations = browser.accessibilityViolations();
        if (!violations.isEmpty()) {
            findings.put(as + " " + path, violations);
        }
        browser.screenshot(as + path.replace("/console", "").replaceAll("[^a-z0-9]+", "-").replaceAll("-[0-9]+-[0-9]+$", "")
                .replaceAll("handoffs-.*", "handoff"));
    }

    private void assertNoResidentData(String where) {
        String url = browser.driver().getCurrentUrl();
        String title = browser.driver().getTitle();
        String html = browser.driver().getPageSource();
        for (String value : concat(SyntheticResidents.personalValues(resident), SyntheticResidents.personalValues(referred))) {
            assertThat(url).as("the address of " + where).doesNotContain(value);
            assertThat(title).as("the title of " + where).doesNotContain(value);
            assertThat(html).as("the page " + where).doesNotContain(value);
        }
    }

    @Test
    void theAccessibilityCheckFindsWhatItLooksFor() {
        // the check above would pass if axe-core found nothing anywhere: on a page made worse it must find it
        browser().forget();
        browser.open("/console/login");
        browser.driver().executeScript("document.querySelector('label[for=password]').remove();"
                + "var img = document.createElement('img'); img.src = 'x.png'; document.querySelector('main').appendChild(img);");
        assertThat(browser.accessibilityViolations()).anyMatch(v -> v.contains("image-alt")).anyMatch(v -> v.contains("label"));
        // and the lesser findings, which fail a page too: a skipped heading level (moderate), an id given twice
        browser.open("/console/login");
        browser.driver().executeScript("var h = document.createElement('h4'); h.textContent = 'x'; document.querySelector('main').appendChild(h);"
                + "var i = document.createElement('input'); i.type = 'hidden'; i.id = 'username'; document.querySelector('main form').appendChild(i);");
        assertThat(browser.accessibilityViolations()).anyMatch(v -> v.startsWith("moderate heading-order"))
                .anyMatch(v -> v.startsWith("serious repeated-id"));
    }

    @Test
    void aBrowserThatIsNotLoggedInIsSentToTheLoginFormFromEveryPage() {
        browser().forget();
        for (String page : concat(SHARED_PAGES, OFFICER_PAGES, OPS_PAGES,
                List.of("/console/handoffs/any-id", "/console/audit/verify", "/console/delivery/dead-letters/0/0"))) {
            HttpResponse<String> answer = browser.send("GET", page, null);
            assertThat(answer.statusCode()).as(page).isEqualTo(302);
            assertThat(answer.headers().firstValue("Location")).as(page).hasValue(browser.base() + "/console/login");
        }
        // the pages' data behind a POST (the CSV, a replay) is refused too: without a session there is no CSRF token
        traffic();
        for (String post : List.of("/console/subject-access", "/console/subject-access/csv", "/console/delivery/dead-letters/0/0/replay")) {
            HttpResponse<String> answer = browser.send("POST", post, "bsn=" + resident.getBsn());
            assertThat(answer.statusCode()).as(post).isEqualTo(403);
            assertThat(answer.body()).as(post).doesNotContain("housing-mijnstreek");
        }
        // and in the browser: the login form
        browser.open("/console/flows");
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(browser.base() + "/console/login");
        assertThat(browser.h1()).isEqualTo("Inloggen");
    }

    @Test
    void aChangeWithoutTheCsrfTokenIsRefused() {
        browser().logIn("ops", OPS_PASSWORD);
        HttpResponse<String> replay = browser.send("POST", "/console/delivery/dead-letters/0/0/replay", "");
        assertThat(replay.statusCode()).isEqualTo(403);
        browser.logIn("privacy-officer", PRIVACY_OFFICER_PASSWORD);
        HttpResponse<String> lookup = browser.send("POST", "/console/subject-access", "bsn=" + resident.getBsn());
        assertThat(lookup.statusCode()).isEqualTo(403);
        assertThat(lookup.body()).doesNotContain("housing-mijnstreek");
        // the logout is a change too
        assertThat(browser.send("POST", "/console/logout", "").statusCode()).isEqualTo(403);
        browser.open("/console/flows");
        assertThat(browser.h1()).isEqualTo("Stromen");
    }

    @Test
    void theApiStaysStatelessBesideTheConsole() {
        browser().logIn("ops", OPS_PASSWORD);
        HttpResponse<String> withSession = browser.send("GET", "/api/ops/handoffs", null);
        // the console's session cookie is no credential for the API: it wants Basic or a bearer token
        assertThat(withSession.statusCode()).isEqualTo(401);
        assertThat(withSession.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void theLanguageSwitchesToEnglishAndStaysSo() {
        browser().logIn("privacy-officer", PRIVACY_OFFICER_PASSWORD);
        browser.open("/console/flows");
        assertThat(browser.h1()).isEqualTo("Stromen");
        assertThat(browser.driver().findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("nl");
        browser.driver().findElement(By.linkText("English")).click();
        await().atMost(WAIT).until(() -> browser.h1().equals("Flows"));
        assertThat(browser.driver().findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        browser.open("/console/handoffs");
        assertThat(browser.h1()).isEqualTo("Handoffs");
        browser.driver().findElement(By.linkText("Nederlands")).click();
        await().atMost(WAIT).until(() -> browser.h1().equals("Overdrachten"));
    }

    @Test
    void wrongPasswordsInTheFormLockTheUserNameOutLikeTheApi() {
        browser().forget();
        String name = "nobody-" + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            browser.submitLogin(name, "wrong");
            await().atMost(WAIT).until(() -> browser.driver().getCurrentUrl().endsWith("/console/login?error"));
        }
        browser.submitLogin(name, "wrong");
        await().atMost(WAIT).until(() -> browser.driver().getCurrentUrl().endsWith("/console/login?locked"));
        assertThat(browser.driver().findElement(By.cssSelector("[role=alert]")).getText()).contains("Te vaak");
    }

    @Test
    void aSubjectAccessRequestFindsTheResidentsFlowsAndDownloadsThemAsCsv() throws Exception {
        traffic();
        await().atMost(WAIT).until(() -> !audit.forMessage(signal.getMessageId()).isEmpty());
        browser().logIn("privacy-officer", PRIVACY_OFFICER_PASSWORD);
        browser.open("/console/subject-access");
        browser.driver().findElement(By.id("bsn")).sendKeys(resident.getBsn());
        browser.driver().findElement(By.id("find-flows")).click();
        await().atMost(WAIT).until(() -> !browser.driver().findElements(By.id("flows")).isEmpty());

        List<String> rows = browser.driver().findElements(By.cssSelector("#flows tbody tr")).stream().map(WebElement::getText).toList();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).contains("housing-mijnstreek", "socialteam-heerlen", "EARLY_DEBT_SIGNALLING", "LEGAL_DUTY");
        // the resident travelled in the POST body only: not in the address nor the title
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(browser.base() + "/console/subject-access");
        assertThat(browser.driver().getTitle()).doesNotContain(resident.getBsn());
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.screenshot("officer-subject-access-result");

        browser.driver().findElement(By.id("download-csv")).click();
        Path csv = await().atMost(WAIT).until(() -> {
            try (Stream<Path> files = Files.list(browser.downloads())) {
                return files.filter(f -> f.getFileName().toString().endsWith(".csv")).findFirst();
            }
        }, java.util.Optional::isPresent).orElseThrow();
        List<String> lines = await().atMost(WAIT).until(() -> Files.readAllLines(csv), l -> l.size() == 2);
        assertThat(lines.get(0)).startsWith("when,from,to,messageType,purpose,legalBasis");
        assertThat(lines.get(1)).contains("housing-mijnstreek,socialteam-heerlen");
        assertThat(String.join("\n", lines)).doesNotContain(resident.getBsn(), resident.getFamilyName());

        // an incomplete name is refused with the reason, not answered with anybody's flows
        browser.open("/console/subject-access");
        browser.driver().findElement(By.id("familyName")).sendKeys(resident.getFamilyName());
        browser.driver().findElement(By.id("find-flows")).click();
        await().atMost(WAIT).until(() -> !browser.driver().findElements(By.cssSelector("main [role=alert]")).isEmpty());
        assertThat(browser.driver().findElements(By.id("flows"))).isEmpty();
    }

    @Test
    void opsReplayADeadLetterFromThePageOnce() {
        traffic();
        DeadLetter parked = await().atMost(WAIT).until(this::ourDeadLetter, java.util.Optional::isPresent).orElseThrow();
        String key = parked.partition() + "/" + parked.offset();
        browser().logIn("ops", OPS_PASSWORD);
        browser.open("/console/delivery");

        // the button, then a confirmation, then the POST
        browser.driver().findElement(By.cssSelector("a[href$='/console/delivery/dead-letters/" + key + "']")).click();
        await().atMost(WAIT).until(() -> !browser.driver().findElements(By.id("confirm-replay")).isEmpty());
        assertThat(browser.h1()).isEqualTo("Deze dode brief opnieuw aanbieden?");
        browser.driver().findElement(By.id("confirm-replay")).click();
        await().atMost(WAIT).until(() -> !browser.driver().findElements(By.id("replay-outcome")).isEmpty());
        assertThat(browser.driver().findElement(By.id("replay-outcome")).getText())
                .startsWith("Dode brief " + key + " is opnieuw aangeboden in " + uwv.outbox() + "/");
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.screenshot("ops-replay-result");

        // it went back into its outbox exactly once: the hub read it again (and, still unreadable, parked it anew)
        await().atMost(WAIT).until(() -> deadLetters.list().stream().filter(d -> uwv.outbox().equals(d.sourceTopic())
                && deadLetters.list().stream().anyMatch(p -> key.equals(p.partition() + "/" + p.offset()) && p.replayedAs() != null
                        && p.replayedAs().equals(d.sourceTopic() + "/" + d.sourcePartition() + "/" + d.sourceOffset()))).count() == 1);
        browser.open("/console/delivery");
        assertThat(browser.driver().findElements(By.cssSelector("a[href$='/console/delivery/dead-letters/" + key + "']"))).isEmpty();

        // and a second replay of the same dead letter is refused, saying why
        browser.open("/console/delivery/dead-letters/" + key);
        browser.driver().findElement(By.id("confirm-replay")).click();
        await().atMost(WAIT).until(() -> !browser.driver().findElements(By.id("replay-outcome")).isEmpty());
        assertThat(browser.driver().findElement(By.id("replay-outcome")).getText()).contains("is al opnieuw aangeboden");
    }

    private java.util.Optional<DeadLetter> ourDeadLetter() {
        return deadLetters.list().stream().filter(d -> uwv.outbox().equals(d.sourceTopic())
                && Integer.valueOf(unreadable.partition()).equals(d.sourcePartition())
                && Long.valueOf(unreadable.offset()).equals(d.sourceOffset())).findFirst();
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> l : lists) {
            all.addAll(l);
        }
        return all;
    }
}
