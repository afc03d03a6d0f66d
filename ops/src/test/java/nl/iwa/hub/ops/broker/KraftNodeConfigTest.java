package nl.iwa.hub.ops.broker;

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
    void theFixedClusterIdIsOneKafkaAccepts() {
        assertThat(Uuid.fromString(KraftNodeConfig.CLUSTER_ID).toString()).isEqualTo(KraftNodeConfig.CLUSTER_ID);
    }
}
