package nl.iwa.hub.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.iwa.hub.topics.Topics;
import nl.iwa.hub.contract.common.PartnerKind;
import nl.iwa.hub.partners.KafkaAuthentication;
import nl.iwa.hub.partners.KafkaIdentity;
import nl.iwa.hub.partners.Partner;
import nl.iwa.hub.partners.PartnerDirectory;
import nl.iwa.hub.partners.PartnerFunction;
import nl.iwa.hub.policy.PolicyBook;
import nl.iwa.hub.provisioning.TopicProvisioner;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exported ACLs must say exactly what the plan says: the broker (or Strimzi) enforces the export, not the
 * plan, so each format is read back and compared rule by rule.
 */
class AccessExportTest {

    static final Topics TOPICS = Topics.withPrefix("iwa");
    static final KafkaIdentity TEAM_CERT = new KafkaIdentity(KafkaAuthentication.MTLS, "00000001234567890000", "socialteam");
    static final HubAccount HUB = new HubAccount("iwa-hub",
            new KafkaIdentity(KafkaAuthentication.MTLS, "00000009876543210000", "iwa-hub"), "iwa-hub", "iwa-hub-");
    static final PartnerDirectory PARTNERS = new PartnerDirectory(List.of(
            partner("socialteam-heerlen", PartnerKind.SOCIAL_TEAM, "socialteam-heerlen-inbox", TEAM_CERT),
            partner("uwv-zuid-limburg", PartnerKind.UWV, null, KafkaIdentity.SCRAM)));
    static final AccessPlan PLAN = AccessPlan.of(PARTNERS, TOPICS, HUB);
    static final List<NewTopic> WANTED = TopicProvisioner.wantedTopics(TOPICS, PARTNERS, new PolicyBook(List.of()));

    static Partner partner(String id, PartnerKind kind, String group, KafkaIdentity kafka) {
        return new Partner(id, kind, id, List.of("Heerlen"), Set.of(PartnerFunction.SUPPORT), "lead", false, group, kafka);
    }

    static Map<String, KafkaIdentity> identities() {
        Map<String, KafkaIdentity> identities = new HashMap<>();
        PARTNERS.all().forEach(p -> identities.put(p.id(), p.kafka()));
        identities.put(HUB.principal(), HUB.identity());
        return identities;
    }

    static String script() {
        return KafkaAclsScript.render(PLAN, PrincipalMappingRules.of(PARTNERS, HUB));
    }

    @Test
    void scriptReadsBackAsThePlan() {
        String script = script();

        assertThat(script).startsWith("#!/usr/bin/env bash\n").contains("set -euo pipefail")
                .contains("${KAFKA_ACLS:-kafka-acls.sh}")
                .contains("#   authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .contains("#   allow.everyone.if.no.acl.found=false")
                .contains("#   ssl.principal.mapping.rules=" + PrincipalMappingRules.of(PARTNERS, HUB) + "\n");
        assertThat(KafkaAclsScript.parse(script)).containsExactlyElementsOf(PLAN.rules());
    }

    @Test
    void scriptGrantsNothingWildcardOrClusterWide() {
        String script = script();

        assertThat(script).doesNotContain("--operation All").doesNotContain("--cluster")
                .doesNotContain("--deny-principal").doesNotContain("'*'");
        assertThat(script).contains("\"$KAFKA_ACLS\" --bootstrap-server \"$BOOTSTRAP\" --command-config \"$ADMIN_CONFIG\""
                + " --add --allow-principal 'User:uwv-zuid-limburg' --operation Write --operation Describe"
                + " --topic 'iwa.uwv-zuid-limburg.outbox' --resource-pattern-type literal\n");
        assertThat(script).contains("--allow-principal 'User:uwv-zuid-limburg' --operation Write --operation Describe"
                + " --transactional-id 'uwv-zuid-limburg.' --resource-pattern-type prefixed\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"impact", "intake", "decide"})
    void eachTopologyGetsItsGroupAndPrefixesAndNothingWider(String topology) {
        // application id = the hub's group + "-<topology>": its group, its internal topics and transactional ids
        String app = "iwa-hub-" + topology;
        assertThat(PLAN.rulesOf("iwa-hub")).contains(
                new AccessRule("iwa-hub", AclResource.GROUP, app, false, AclOperation.READ),
                new AccessRule("iwa-hub", AclResource.TOPIC, app + "-", true, AclOperation.CREATE),
                new AccessRule("iwa-hub", AclResource.TOPIC, app + "-", true, AclOperation.DELETE),
                new AccessRule("iwa-hub", AclResource.TRANSACTIONAL_ID, app + "-", true, AclOperation.WRITE));
        // Delete only on the topologies' own internal topics; no partner anywhere near them
        assertThat(PLAN.rules()).filteredOn(r -> r.operation() == AclOperation.DELETE)
                .allMatch(r -> r.principal().equals("iwa-hub") && r.prefixed()
                        && (r.name().equals("iwa-hub-impact-") || r.name().equals("iwa-hub-intake-") || r.name().equals("iwa-hub-decide-")));
        assertThat(PLAN.rules()).filteredOn(r -> !r.principal().equals("iwa-hub")).noneMatch(r -> r.name().startsWith(app));
        assertThat(script()).contains("--operation Delete --topic '" + app + "-' --resource-pattern-type prefixed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"iwa.hub.impact", "iwa.hub.decide", "iwa.hub.handoff-updates"})
    void theTopologiesTopicsAreTheHubsAlone(String topic) {
        assertThat(PLAN.rulesOf("iwa-hub")).contains(
                new AccessRule("iwa-hub", AclResource.TOPIC, topic, false, AclOperation.WRITE),
                new AccessRule("iwa-hub", AclResource.TOPIC, topic, false, AclOperation.READ));
        // a partner writing the decide topic could claim any outbox as its origin: none may touch it
        assertThat(PLAN.rules()).filteredOn(r -> !r.principal().equals("iwa-hub")).noneMatch(r -> r.name().equals(topic));
    }

    @Test
    void quotingSurvivesAQuoteInAValue() {
        assertThat(KafkaAclsScript.words("x " + KafkaAclsScript.quote("it's") + " \"$A\" # comment"))
                .containsExactly("x", "it's", "$A");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "kafka-acls.sh --add --allow-principal 'User:a' --topic 't' --resource-pattern-type literal",
            "kafka-acls.sh --add --allow-principal 'User:a' --operation All --topic 't' --resource-pattern-type literal",
            "kafka-acls.sh --add --allow-principal 'User:a' --operation Read --cluster --resource-pattern-type literal",
            "kafka-acls.sh --add --allow-principal 'User:a' --operation Read --topic 't --resource-pattern-type literal",
            "kafka-acls.sh --add --allow-principal 'a' --operation Read --topic 't' --resource-pattern-type literal",
            "kafka-acls.sh --add --allow-principal 'User:a' --operation Read --topic 't' --group 'g' --resource-pattern-type literal",
            "kafka-acls.sh --add --allow-principal 'User:a' --operation Read --topic 't' --resource-pattern-type match",
            "kafka-acls.sh --add --allow-principal 'User:a' --operation Read --topic 't' --resource-pattern-type",
    })
    void parserRefusesAnAddLineItCannotUnderstand(String line) {
        assertThatThrownBy(() -> KafkaAclsScript.parse(script() + line + "\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void manifestsReadBackAsThePlan() {
        String yaml = StrimziManifests.render(PLAN, identities(), WANTED, "iwa");

        assertThat(StrimziManifests.parseAcls(yaml)).containsExactlyElementsOf(PLAN.rules());
    }

    @Test
    void oneKafkaUserPerPrincipalAndOneKafkaTopicPerTopic() {
        String yaml = StrimziManifests.render(PLAN, identities(), WANTED, "iwa");

        assertThat(count(yaml, "kind: \"KafkaUser\"")).isEqualTo(PLAN.principals().size()).isEqualTo(3);
        assertThat(count(yaml, "kind: \"KafkaTopic\"")).isEqualTo(WANTED.size());
        assertThat(yaml).contains("topicName: \"iwa.socialteam-heerlen.outbox\"")
                .contains("name: \"iwa-socialteam-heerlen-outbox\"")
                .contains("strimzi.io/cluster: \"iwa\"")
                .contains("type: \"tls-external\"").contains("type: \"scram-sha-512\"")
                .contains("patternType: \"prefix\"");
    }

    @Test
    void topicsThatCleanUpAlikeKeepDistinctResourceNames() {
        Map<String, String> names = StrimziManifests.topicResourceNames(List.of("iwa.a_b", "iwa.a.b", "iwa.c"));

        assertThat(names.get("iwa.c")).isEqualTo("iwa-c");
        assertThat(names.get("iwa.a_b")).startsWith("iwa-a-b-").isNotEqualTo(names.get("iwa.a.b"));
        assertThat(names.values()).allMatch(n -> n.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?"));
    }

    @Test
    void aPrincipalWithoutIdentityIsRefused() {
        Map<String, KafkaIdentity> identities = identities();
        identities.remove("uwv-zuid-limburg");

        assertThatThrownBy(() -> StrimziManifests.render(PLAN, identities, WANTED, "iwa"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("uwv-zuid-limburg");
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void theHubReadsEveryOutboxAndWritesAndReadsBackEveryInbox() {
        for (Partner p : PARTNERS.all()) {
            for (AclOperation op : List.of(AclOperation.READ, AclOperation.WRITE, AclOperation.CREATE, AclOperation.DESCRIBE)) {
                assertThat(PLAN.rulesOf("iwa-hub")).contains(
                        new AccessRule("iwa-hub", AclResource.TOPIC, TOPICS.outbox(p.id()), false, op),
                        new AccessRule("iwa-hub", AclResource.TOPIC, TOPICS.inbox(p.id()), false, op));
            }
        }
    }
}
