package nl.iwa.hub.access;

import java.util.Comparator;

/**
 * One ALLOW rule: {@code principal} (a name without the {@code User:} prefix) may do {@code operation} on the
 * resource named {@code name}, or on every resource whose name starts with it when {@code prefixed}. Any host.
 */
public record AccessRule(String principal, AclResource resource, String name, boolean prefixed, AclOperation operation)
        implements Comparable<AccessRule> {

    private static final Comparator<AccessRule> ORDER = Comparator.comparing(AccessRule::principal)
            .thenComparing(AccessRule::resource).thenComparing(AccessRule::name)
            .thenComparing(AccessRule::prefixed).thenComparing(AccessRule::operation);

    @Override
    public int compareTo(AccessRule o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return "User:" + principal + " " + operation.displayName() + " " + resource.strimziName()
                + (prefixed ? " prefixed " : " ") + name;
    }
}
