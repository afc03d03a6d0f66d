package nl.iwa.hub;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layers of the hub, stated once and checked on the compiled classes (the README's layout section lists the
 * same rules). A change that breaks one fails here, naming the class and the dependency.
 */
class ArchitectureTest {

    private static final JavaClasses HUB = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("nl.iwa.hub");

    /** What the hub runs on: the domain knows none of it. */
    private static final String[] INFRASTRUCTURE = {"org.apache.kafka..", "org.apache.camel..", "org.springframework..",
            "io.apicurio..", "jakarta.servlet..", "nl.iwa.hub.transport..", "nl.iwa.hub.config..", "nl.iwa.hub.web..",
            "nl.iwa.hub.routing..", "nl.iwa.hub.provisioning.."};

    /**
     * The domain: the decisions and what they decide with. A capability's Kafka adapters (state loaders, watches)
     * live in its {@code kafka} sub-package, outside this rule.
     */
    private static final String[] DOMAIN = {"nl.iwa.hub.decision", "nl.iwa.hub.policy", "nl.iwa.hub.consent",
            "nl.iwa.hub.minimise", "nl.iwa.hub.handoff", "nl.iwa.hub.identity", "nl.iwa.hub.partners", "nl.iwa.hub.audit", "nl.iwa.hub.involvement",
            "nl.iwa.hub.impact"};

    @Test
    void theRulesSeeTheHubsOwnClasses() {
        // the rules below would pass on nothing at all: make sure they look at the hub
        assertThat(HUB.contain(nl.iwa.hub.config.HubConfiguration.class)).isTrue();
        assertThat(HUB.contain(nl.iwa.hub.decision.OutboxDecisions.class)).isTrue();
        assertThat(HUB.size()).isGreaterThan(200);
    }

    @Test
    void theDomainImportsNoInfrastructure() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage(INFRASTRUCTURE)
                .because("the decisions must be testable without a broker, a registry or Spring, and move to another engine unchanged")
                .check(HUB);
    }

    @Test
    void theTransportKnowsNothingOfTheHubButTheContract() {
        noClasses().that().resideInAPackage("nl.iwa.hub.transport..")
                .should().dependOnClassesThat().resideInAnyPackage("nl.iwa.hub.decision..", "nl.iwa.hub.outcome..",
                        "nl.iwa.hub.policy..", "nl.iwa.hub.consent..", "nl.iwa.hub.minimise..", "nl.iwa.hub.handoff..",
                        "nl.iwa.hub.identity..", "nl.iwa.hub.partners..", "nl.iwa.hub.audit..", "nl.iwa.hub.intake..",
                        "nl.iwa.hub.privacy..", "nl.iwa.hub.deadletter..", "nl.iwa.hub.observability..",
                        "nl.iwa.hub.config..", "nl.iwa.hub.web..", "nl.iwa.hub.routing..", "nl.iwa.hub.access..")
                .because("the transport is plumbing: who takes part in a transaction plugs in (TransactionParticipant)")
                .check(HUB);
    }

    @Test
    void onlyTheWiringAndTheEdgesImportTheConfiguration() {
        noClasses().that().resideOutsideOfPackages("nl.iwa.hub.config..", "nl.iwa.hub.web..", "nl.iwa.hub.routing..",
                        "nl.iwa.hub")
                .should().dependOnClassesThat().resideInAPackage("nl.iwa.hub.config..")
                .because("config wires every capability; a capability that imported it would close a circle")
                .check(HUB);
    }

    @Test
    void theWebCallsServicesNotTopics() {
        noClasses().that().resideInAPackage("nl.iwa.hub.web..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "nl.iwa.hub.transport..")
                .because("a controller asks an application service; reading topics is the services' business")
                .check(HUB);
    }

    @Test
    void theConsoleShowsWhatServicesAnswer() {
        noClasses().that().resideInAPackage("nl.iwa.hub.console..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "nl.iwa.hub.transport..",
                        "nl.iwa.hub.config..")
                .because("the console's pages are another view of the API's answers: reading topics is the services' business")
                .check(HUB);
    }

    @Test
    void theCapabilitiesFormNoCircles() {
        slices().matching("nl.iwa.hub.(*)..").should().beFreeOfCycles().check(HUB);
    }
}
