package nl.iwa.hub.testkit.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;

class KraftNodeConfigTest {

    @Test
    void aSingleCombinedNodeWithReplicationFactorsOfOne() throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(new KraftNodeConfig(19092, 19093, Path.of("/tmp/run/kafka/data")).serverProperties()));

        assertThat(p).containsEntry("process.roles", "broker,controller")
                .containsEntry("node.id", "1")
                .containsEntry("controller.quorum.voters", "1@localhost:19093")
                .containsEntry("listeners", "PLAINTEXT://localhost:19092,CONTROLLER://localhost:19093")
                .containsEntry("controller.listener.names", "CONTROLLER")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0")
                .containsEntry("log.dirs", "/tmp/run/kafka/data");
    }

    @Test
    void aSecuredNodeHasNoPlaintextListenerAndDeniesWhatNoAclAllows() throws IOException {
        String rules = "RULE:^(?=(?:.*(?<!\\\\),)?CN=iwa-x(?:,.*)?$).*$/x/,DEFAULT";
        BrokerSecurity security = new BrokerSecurity(19094, Path.of("/tmp/pki/broker.p12"), Path.of("/tmp/pki/truststore.p12"),
                "s3cret\\pw", rules, java.util.List.of("User:CN=iwa-broker", "User:CN=iwa-admin"));
        Properties p = new Properties();
        p.load(new StringReader(new KraftNodeConfig(19092, 19093, Path.of("/tmp/run/kafka/data"), security,
                java.util.Map.of("message.max.bytes", "3145728")).serverProperties()));

        assertThat(p).containsEntry("listeners", "MTLS://localhost:19092,SCRAM://localhost:19094,CONTROLLER://localhost:19093")
                .containsEntry("listener.security.protocol.map", "MTLS:SSL,SCRAM:SASL_SSL,CONTROLLER:SSL")
                .containsEntry("inter.broker.listener.name", "MTLS")
                .containsEntry("ssl.client.auth", "required")
                .containsEntry("listener.name.scram.ssl.client.auth", "none")
                .containsEntry("listener.name.scram.sasl.enabled.mechanisms", "SCRAM-SHA-512")
                .containsEntry("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .containsEntry("allow.everyone.if.no.acl.found", "false")
                .containsEntry("super.users", "User:CN=iwa-broker;User:CN=iwa-admin")
                .containsEntry("message.max.bytes", "3145728")
                // values survive java.util.Properties, which reads a backslash as an escape
                .containsEntry("ssl.principal.mapping.rules", rules)
                .containsEntry("ssl.keystore.password", "s3cret\\pw");
        assertThat(p.values()).noneMatch(v -> v.toString().contains("PLAINTEXT"));
    }

    @Test
    void theFixedClusterIdIsOneKafkaAccepts() {
        assertThat(Uuid.fromString(KraftNodeConfig.CLUSTER_ID).toString()).isEqualTo(KraftNodeConfig.CLUSTER_ID);
    }
}
