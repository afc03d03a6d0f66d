package nl.iwa.hub.access;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Makes the broker's ACLs what the plan says, through the Admin API (KRaft's StandardAuthorizer keeps them in
 * the cluster metadata): adds what is missing and removes every managed ACL the plan no longer has, so a partner
 * taken out of {@code partners.yaml} loses its access on the next apply. Which existing ACLs are the plan's to
 * remove is the caller's choice: on a cluster dedicated to the hub, all of them.
 */
public final class AclSync {

    /** What an apply changed. */
    public record Result(int added, int removed, int unchanged) {
    }

    private AclSync() {
    }

    public static Result apply(Admin admin, AccessPlan plan, Predicate<AclBinding> managed) {
        Set<AclBinding> wanted = plan.rules().stream().map(AclSync::binding).collect(Collectors.toSet());
        Collection<AclBinding> existing = await(admin.describeAcls(AclBindingFilter.ANY).values());
        List<AclBinding> missing = wanted.stream().filter(b -> !existing.contains(b)).toList();
        List<AclBindingFilter> stale = existing.stream().filter(managed).filter(b -> !wanted.contains(b))
                .map(AclBinding::toFilter).toList();
        if (!missing.isEmpty()) {
            await(admin.createAcls(missing).all());
        }
        if (!stale.isEmpty()) {
            await(admin.deleteAcls(stale).all());
        }
        return new Result(missing.size(), stale.size(), wanted.size() - missing.size());
    }

    /** Every ACL on the broker, as rules; an ACL of a kind the plan never writes (DENY, a host, a cluster ACL) is kept as text. */
    public static SortedSet<AccessRule> current(Admin admin, Collection<String> unexpected) {
        SortedSet<AccessRule> rules = new TreeSet<>();
        for (AclBinding b : await(admin.describeAcls(AclBindingFilter.ANY).values())) {
            AccessRule rule = rule(b);
            if (rule == null) {
                unexpected.add(b.toString());
            } else {
                rules.add(rule);
            }
        }
        return rules;
    }

    static AclBinding binding(AccessRule r) {
        return new AclBinding(
                new ResourcePattern(resourceType(r.resource()), r.name(), r.prefixed() ? PatternType.PREFIXED : PatternType.LITERAL),
                new AccessControlEntry("User:" + r.principal(), "*",
                        org.apache.kafka.common.acl.AclOperation.valueOf(r.operation().name()), AclPermissionType.ALLOW));
    }

    static AccessRule rule(AclBinding b) {
        AccessControlEntry e = b.entry();
        ResourcePattern p = b.pattern();
        if (e.permissionType() != AclPermissionType.ALLOW || !"*".equals(e.host()) || !e.principal().startsWith("User:")) {
            return null;
        }
        AclResource resource = switch (p.resourceType()) {
            case TOPIC -> AclResource.TOPIC;
            case GROUP -> AclResource.GROUP;
            case TRANSACTIONAL_ID -> AclResource.TRANSACTIONAL_ID;
            default -> null;
        };
        AclOperation operation;
        try {
            operation = AclOperation.valueOf(e.operation().name());
        } catch (IllegalArgumentException unknown) {
            return null;
        }
        if (resource == null || (p.patternType() != PatternType.LITERAL && p.patternType() != PatternType.PREFIXED)) {
            return null;
        }
        return new AccessRule(e.principal().substring("User:".length()), resource, p.name(),
                p.patternType() == PatternType.PREFIXED, operation);
    }

    private static ResourceType resourceType(AclResource r) {
        return switch (r) {
            case TOPIC -> ResourceType.TOPIC;
            case GROUP -> ResourceType.GROUP;
            case TRANSACTIONAL_ID -> ResourceType.TRANSACTIONAL_ID;
        };
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while applying ACLs", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the broker refused the ACL change: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker did not answer the ACL change within 60 s", e);
        }
    }
}
