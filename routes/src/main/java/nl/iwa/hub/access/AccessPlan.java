package nl.iwa.hub.access;

import static nl.iwa.hub.access.AclOperation.CREATE;
import static nl.iwa.hub.access.AclOperation.DELETE;
import static nl.iwa.hub.access.AclOperation.DESCRIBE;
import static nl.iwa.hub.access.AclOperation.DESCRIBE_CONFIGS;
import static nl.iwa.hub.access.AclOperation.READ;
import static nl.iwa.hub.access.AclOperation.WRITE;

import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import nl.iwa.hub.topics.Topics;
import nl.iwa.hub.partners.Partner;
import nl.iwa.hub.partners.PartnerDirectory;
import nl.iwa.hub.transport.StreamsSettings;

/**
 * The broker ACLs that follow from {@code partners.yaml}, least privilege: a partner may write its outbox, read
 * its inbox, use its own inbox consumer group and its own transactional ids ({@code <partnerId>.} prefixed),
 * and nothing else; only the hub touches the hub's topics, and the hub gets exactly the operations it uses on
 * each topic it uses (no prefix wildcard over partner topics, nothing cluster-wide). The broker denies
 * whatever no rule allows ({@code allow.everyone.if.no.acl.found=false}).
 */
public final class AccessPlan {

    private final SortedSet<AccessRule> rules;

    private AccessPlan(SortedSet<AccessRule> rules) {
        this.rules = Collections.unmodifiableSortedSet(rules);
    }

    public static AccessPlan of(PartnerDirectory partners, Topics topics, HubAccount hub) {
        SortedSet<AccessRule> rules = new TreeSet<>();
        String h = hub.principal();
        for (Partner p : partners.all()) {
            String outbox = topics.outbox(p.id());
            String inbox = topics.inbox(p.id());
            allow(rules, p.id(), AclResource.TOPIC, outbox, false, WRITE, DESCRIBE);
            allow(rules, p.id(), AclResource.TOPIC, inbox, false, READ, DESCRIBE);
            boolean hubReadsTheInbox = p.connectors() != null && p.connectors().inbox() != null;
            if (p.inboxConsumerGroup() != null) {
                allow(rules, p.id(), AclResource.GROUP, p.inboxConsumerGroup(), false, READ, DESCRIBE);
                // the hub reads the group's committed offsets to observe DELIVERED; it joins and commits only for a
                // partner whose inbox it hands over by webhook or pull
                if (hubReadsTheInbox) {
                    allow(rules, h, AclResource.GROUP, p.inboxConsumerGroup(), false, READ, DESCRIBE);
                } else {
                    allow(rules, h, AclResource.GROUP, p.inboxConsumerGroup(), false, DESCRIBE);
                }
            }
            // partner ids contain no dots, so "<id>." is no other partner's prefix
            allow(rules, p.id(), AclResource.TRANSACTIONAL_ID, p.id() + ".", true, WRITE, DESCRIBE);

            // the hub creates both topics, reads the outbox (intake) and writes it only to replay a parked record; it
            // reads back the inbox it writes: the connectors push it on the partner's behalf, and the decide topology
            // finds where its deliveries landed (engine/DeliveryPositions) to see them consumed. Nothing on it is new
            // to the hub, which wrote it.
            allow(rules, h, AclResource.TOPIC, outbox, false, READ, WRITE, DESCRIBE, CREATE, DESCRIBE_CONFIGS);
            allow(rules, h, AclResource.TOPIC, inbox, false, READ, WRITE, DESCRIBE, CREATE, DESCRIBE_CONFIGS);
        }
        for (String own : List.of(topics.audit(), topics.auditSeals(), topics.consent(), topics.handoffs(), topics.deadLetter(),
                topics.fileIntake(), topics.connectReceipts(), topics.impact(), topics.decide(), topics.handoffUpdates())) {
            allow(rules, h, AclResource.TOPIC, own, false, READ, WRITE, DESCRIBE, CREATE, DESCRIBE_CONFIGS);
        }
        allow(rules, h, AclResource.GROUP, hub.groupId(), false, READ, DESCRIBE);
        allow(rules, h, AclResource.TRANSACTIONAL_ID, hub.transactionalIdPrefix(), true, WRITE, DESCRIBE);
        // the topologies (Kafka Streams): each one's group is its application id; its internal topics (changelogs,
        // repartitions) and transactional ids start with it. It creates those topics itself, and deletes records of
        // its repartition topics once consumed (DeleteRecords needs Delete): prefixed by the application id, so
        // no other topic is reachable that way
        for (String topology : StreamsSettings.TOPOLOGIES) {
            String streamsApp = StreamsSettings.applicationId(hub.groupId(), topology);
            allow(rules, h, AclResource.GROUP, streamsApp, false, READ, DESCRIBE);
            allow(rules, h, AclResource.TOPIC, streamsApp + "-", true, READ, WRITE, DESCRIBE, CREATE, DESCRIBE_CONFIGS, DELETE);
            allow(rules, h, AclResource.TRANSACTIONAL_ID, streamsApp + "-", true, WRITE, DESCRIBE);
        }
        return new AccessPlan(rules);
    }

    private static void allow(SortedSet<AccessRule> rules, String principal, AclResource resource, String name,
                              boolean prefixed, AclOperation... operations) {
        for (AclOperation op : operations) {
            rules.add(new AccessRule(principal, resource, name, prefixed, op));
        }
    }

    public SortedSet<AccessRule> rules() {
        return rules;
    }

    /** The principals this plan grants anything to, in order. */
    public SortedSet<String> principals() {
        SortedSet<String> names = new TreeSet<>();
        rules.forEach(r -> names.add(r.principal()));
        return names;
    }

    public List<AccessRule> rulesOf(String principal) {
        return rules.stream().filter(r -> r.principal().equals(principal)).toList();
    }
}
