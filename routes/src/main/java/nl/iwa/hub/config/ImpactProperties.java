package nl.iwa.hub.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The impact figures (docs/impact.md).
 *
 * @param k                    smallest count shown (k-anonymity); below 2 the hub refuses to start
 * @param enabled              whether this hub runs the impact topology (the report reads the topic either way)
 * @param stateDir             where the topology keeps its RocksDB state; default under java.io.tmpdir per transactional id
 * @param signalFollowUpWindow how long after its delivery a signal can still turn out to have led to accepted help
 * @param countedRetention     how long a settled handoff is remembered as counted (see ImpactTopology)
 */
@ConfigurationProperties(prefix = "iwa.impact")
public record ImpactProperties(@DefaultValue("10") int k,
                               @DefaultValue("true") boolean enabled,
                               Path stateDir,
                               @DefaultValue("182d") Duration signalFollowUpWindow,
                               @DefaultValue("400d") Duration countedRetention) {
}
