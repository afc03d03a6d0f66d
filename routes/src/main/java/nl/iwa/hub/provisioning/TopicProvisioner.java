package nl.iwa.hub.provisioning;

import nl.iwa.hub.transport.KafkaConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import nl.iwa.hub.topics.Topics;
import nl.iwa.hub.partners.Partner;
import nl.iwa.hub.partners.PartnerDirectory;
import nl.iwa.hub.policy.FlowPolicy;
import nl.iwa.hub.policy.PolicyBook;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics of the contract that do not exist yet: an outbox and an inbox per partner (inbox
 * retention from the policies), and the hub's own topics (audit append-only, a hash chain per partition, its
 * partitions as many as a partner topic's so that each resident's records keep one order; retention configurable;
 * consent and handoffs compacted). Existing topics are left as
 * they are: changing a live topic's retention is an operator's reviewed act (kafka-configs).
 */
public final class TopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private final KafkaConnection kafka;
    private final Topics topics;
    private final PartnerDirectory partners;
    private final PolicyBook policies;

    public TopicProvisioner(KafkaConnection kafka, Topics topics, PartnerDirectory partners, PolicyBook policies) {
        this.kafka = kafka;
        this.topics = topics;
        this.partners = partners;
        this.policies = policies;
    }

    /**
     * An inbox keeps records as long as the longest retention of the policies that deliver into it, and at
     * least the default for hub-only messages (rejections, relays): the partner's own systems hold the
     * case files; the inbox is a mailbox, not an archive.
     */
    static long inboxRetentionMs(Partner receiver, PolicyBook policies) {
        int days = policies.all().stream().filter(p -> p.to().matches(receiver)).mapToInt(FlowPolicy::retentionDays)
                .max().orElse(DEFAULT_INBOX_RETENTION_DAYS);
        return Duration.ofDays(Math.max(days, DEFAULT_INBOX_RETENTION_DAYS)).toMillis();
    }

    static final int DEFAULT_INBOX_RETENTION_DAYS = 30;

    public List<String> provision() {
        List<NewTopic> wanted = wantedTopics(topics, partners, policies);
        return create(wanted);
    }

    /** Every topic of the contract with its partitions, replication and settings (also exported as KafkaTopic manifests). */
    public static List<NewTopic> wantedTopics(Topics topics, PartnerDirectory partners, PolicyBook policies) {
        List<NewTopic> wanted = new ArrayList<>();
        short rf = topics.replicationFactor();
        int n = topics.partnerTopicPartitions();
        for (Partner p : partners.all()) {
            wanted.add(new NewTopic(topics.outbox(p.id()), n, rf).configs(Map.of(
                    TopicConfig.RETENTION_MS_CONFIG, Long.toString(topics.outboxRetentionMs()))));
            wanted.add(new NewTopic(topics.inbox(p.id()), n, rf).configs(Map.of(
                    TopicConfig.RETENTION_MS_CONFIG, Long.toString(inboxRetentionMs(p, policies)))));
        }
        wanted.add(new NewTopic(topics.audit(), n, rf).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(topics.auditRetentionMs()))));
        // the seals: compacted heads (the latest of each is all that counts: one for all chains, or one per chain with
        // the decide topology, written with every decision) and checkpoints under keys of their own, kept (segments of
        // ten minutes, so that the many superseded heads are compacted away and start-up reads few of them)
        wanted.add(new NewTopic(topics.auditSeals(), 1, rf).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.SEGMENT_MS_CONFIG, "600000",
                TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, "0.1")));
        wanted.add(new NewTopic(topics.consent(), n, rf).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        wanted.add(new NewTopic(topics.handoffs(), n, rf).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        wanted.add(new NewTopic(topics.fileIntake(), 1, rf).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        // the REST ingress's answers, by partner and message: only the latest per key counts
        wanted.add(new NewTopic(topics.connectReceipts(), n, rf).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        // the impact cells: few keys, each rewritten at every settlement, so superseded values are compacted away
        // soon (hourly segments) and the report reads little more than the current cells
        wanted.add(new NewTopic(topics.impact(), 1, rf).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.SEGMENT_MS_CONFIG, "3600000",
                TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, "0.1")));
        // the partitioned engine's internal topics (docs/engine-design.md): outbox records re-keyed by resident, and
        // status updates by handoff. They hold what partners wrote, so they are kept no longer than the outboxes; the
        // updates topic has as many partitions as the handoffs topic, so an update and its handoff meet in one task
        wanted.add(new NewTopic(topics.decide(), n, rf).configs(Map.of(
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(topics.outboxRetentionMs()))));
        wanted.add(new NewTopic(topics.handoffUpdates(), n, rf).configs(Map.of(
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(topics.outboxRetentionMs()))));
        wanted.add(new NewTopic(topics.deadLetter(), 1, rf).configs(Map.of(
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(topics.deadLetterRetentionMs()))));
        return wanted;
    }

    private List<String> create(List<NewTopic> wanted) {
        Properties props = kafka.properties();
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                        throw e;
                    }
                }
                log.info("created {} topics", missing.size());
            }
            return wanted.stream().map(NewTopic::name).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the hub's topics at " + kafka.bootstrapServers() + ": " + e.getMessage(), e);
        }
    }
}
