package nl.iwa.hub.engine;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;

/**
 * The decide topology's stores start empty the first time it runs: it knows the consents, handoffs and involvement it
 * decided itself, nothing the classic engine decided before. Until a migration fills them, a deployment whose state
 * topics already hold the classic engine's state must not switch: consents would be missing (flows refused), open
 * handoffs unknown (updates refused), and withdrawals would tell nobody. So the first start refuses when the state
 * topics are not empty; a topology that has run before (its group has positions) goes on.
 */
public final class StoresStartEmpty {

    private StoresStartEmpty() {
    }

    /**
     * @param committedRecords how many committed records a topic holds now
     * @return the problem that stops the hub, or null when it may start
     */
    public static String check(Admin admin, String decideGroup, List<String> stateTopics,
                               java.util.function.ToLongFunction<String> committedRecords) {
        // the state topics first: their records commit together with the group's positions, so a record seen here
        // has its positions visible below, unless the classic engine wrote it
        long classicState = stateTopics.stream().mapToLong(committedRecords).sum();
        if (classicState == 0) {
            return null;
        }
        try {
            Map<TopicPartition, OffsetAndMetadata> positions = admin.listConsumerGroupOffsets(decideGroup)
                    .partitionsToOffsetAndMetadata().get();
            if (!positions.isEmpty()) {
                return null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        } catch (ExecutionException e) {
            return "IWA_ENGINE=streams: cannot tell whether the decide topology ran before (" + e.getCause().getClass().getSimpleName() + ")";
        }
        return "IWA_ENGINE=streams starts the decide topology with empty stores, but " + String.join(" and ", stateTopics)
                + " hold state the classic engine decided: moving an existing deployment to the "
                + "decide topology is not supported yet (docs/operations.md#several-hubs-the-decide-topology); run it on a new "
                + "deployment, or keep IWA_ENGINE=classic";
    }
}
