package nl.iwa.hub.access;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The access plan as a {@code kafka-acls.sh} script, for clusters not run by Strimzi: an administrator can read
 * exactly what will be granted before running it, and adding an ACL that exists already is harmless, so the
 * script can be run again after every change to {@code partners.yaml}. It only adds: revoking what the plan no
 * longer grants stays a deliberate act. {@link #parse} reads a script back, so tests can compare the plan with
 * what a broker reports after running it.
 */
public final class KafkaAclsScript {

    private static final String COMMAND = "\"$KAFKA_ACLS\" --bootstrap-server \"$BOOTSTRAP\""
            + " --command-config \"$ADMIN_CONFIG\" --add";

    private KafkaAclsScript() {
    }

    public static String render(AccessPlan plan, String principalMappingRules) {
        oneLine(principalMappingRules);
        StringBuilder s = new StringBuilder();
        s.append("#!/usr/bin/env bash\n");
        s.append("set -euo pipefail\n");
        s.append("#\n");
        s.append("# Kafka ACLs of the IWA hub, generated from partners.yaml by\n");
        s.append("#   java -jar iwa-hub.jar access export --format kafka-acls\n");
        s.append("# Do not edit: change partners.yaml and export again.\n");
        s.append("#\n");
        s.append("# Run by a cluster administrator, with\n");
        s.append("#   BOOTSTRAP     the brokers' bootstrap servers (host:port,...)\n");
        s.append("#   ADMIN_CONFIG  a client properties file of a super user\n");
        s.append("#   KAFKA_ACLS    the kafka-acls command, if not kafka-acls.sh on the PATH\n");
        s.append("# It only adds ACLs and can be run again; ACLs the plan no longer grants must be removed by hand.\n");
        s.append('\n');
        s.append(": \"${BOOTSTRAP:?set BOOTSTRAP to the bootstrap servers}\"\n");
        s.append(": \"${ADMIN_CONFIG:?set ADMIN_CONFIG to the client properties file of a super user}\"\n");
        s.append("KAFKA_ACLS=\"${KAFKA_ACLS:-kafka-acls.sh}\"\n");
        for (String principal : plan.principals()) {
            s.append("\n# User:").append(oneLine(principal)).append('\n');
            for (Map.Entry<Grant, List<AclOperation>> g : group(plan.rulesOf(principal)).entrySet()) {
                Grant grant = g.getKey();
                s.append(COMMAND).append(" --allow-principal ").append(quote("User:" + principal));
                g.getValue().forEach(op -> s.append(" --operation ").append(op.displayName()));
                s.append(' ').append(grant.resource().cliOption()).append(' ').append(quote(grant.name()));
                s.append(" --resource-pattern-type ").append(grant.prefixed() ? "prefixed" : "literal").append('\n');
            }
        }
        s.append('\n');
        s.append("# The broker settings this plan assumes (a super user, in super.users, runs this script):\n");
        s.append("#   authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer\n");
        s.append("#   allow.everyone.if.no.acl.found=false\n");
        s.append("#   ssl.principal.mapping.rules=").append(principalMappingRules).append('\n');
        return s.toString();
    }

    /** One kafka-acls command: the operations granted on one resource pattern (rules come sorted, so in order). */
    static Map<Grant, List<AclOperation>> group(List<AccessRule> rules) {
        Map<Grant, List<AclOperation>> groups = new LinkedHashMap<>();
        for (AccessRule r : rules) {
            groups.computeIfAbsent(new Grant(r.resource(), r.name(), r.prefixed()), k -> new ArrayList<>())
                    .add(r.operation());
        }
        return groups;
    }

    record Grant(AclResource resource, String name, boolean prefixed) {
    }

    static String quote(String value) {
        return "'" + oneLine(value).replace("'", "'\\''") + "'";
    }

    /** Every command and comment is one line: that is what {@link #parse} and a reviewer reading it rely on. */
    private static String oneLine(String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a line break in " + value.strip());
        }
        return value;
    }

    /**
     * The rules a script adds. Only command lines containing {@code --add} count; any other line must still
     * tokenize, and an {@code --add} line with an option or value this class would not have written is refused,
     * so a hand-edited script cannot silently drop or widen a rule.
     */
    public static SortedSet<AccessRule> parse(String script) {
        SortedSet<AccessRule> rules = new TreeSet<>();
        String[] lines = script.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            try {
                List<String> words = words(line);
                if (words.contains("--add")) {
                    rules.addAll(addCommand(words));
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage() + ": " + line, e);
            }
        }
        return rules;
    }

    private static List<AccessRule> addCommand(List<String> words) {
        String principal = null;
        AclResource resource = null;
        String name = null;
        Boolean prefixed = null;
        List<AclOperation> operations = new ArrayList<>();
        for (int i = 1; i < words.size(); i++) {
            String option = words.get(i);
            if (option.equals("--add")) {
                continue;
            }
            if (i + 1 >= words.size()) {
                throw new IllegalArgumentException(option + " without a value");
            }
            String value = words.get(++i);
            switch (option) {
                case "--bootstrap-server", "--command-config" -> { }
                case "--allow-principal" -> {
                    if (principal != null || !value.startsWith("User:") || value.length() == 5) {
                        throw new IllegalArgumentException("expected one --allow-principal User:<name>");
                    }
                    principal = value.substring(5);
                }
                case "--operation" -> operations.add(operation(value));
                case "--resource-pattern-type" -> {
                    if (prefixed != null || !(value.equals("literal") || value.equals("prefixed"))) {
                        throw new IllegalArgumentException("expected one --resource-pattern-type literal|prefixed");
                    }
                    prefixed = value.equals("prefixed");
                }
                default -> {
                    AclResource r = Arrays.stream(AclResource.values()).filter(x -> x.cliOption().equals(option))
                            .findFirst().orElseThrow(() -> new IllegalArgumentException("unexpected " + option));
                    if (resource != null || value.isEmpty()) {
                        throw new IllegalArgumentException("expected exactly one named resource");
                    }
                    resource = r;
                    name = value;
                }
            }
        }
        if (principal == null || resource == null || prefixed == null || operations.isEmpty()) {
            throw new IllegalArgumentException("incomplete --add command");
        }
        List<AccessRule> rules = new ArrayList<>();
        for (AclOperation op : operations) {
            rules.add(new AccessRule(principal, resource, name, prefixed, op));
        }
        return rules;
    }

    private static AclOperation operation(String displayName) {
        return Arrays.stream(AclOperation.values()).filter(o -> o.displayName().equals(displayName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("operation not in the plan's vocabulary: " + displayName));
    }

    /**
     * A line split into words as bash would before expansion: quotes removed, {@code $VAR} left as written,
     * a {@code #} starting a word ending the line. Unbalanced quotes and a trailing backslash are refused.
     */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                i++;
                continue;
            }
            if (c == '#' && word == null) {
                break;
            }
            if (word == null) {
                word = new StringBuilder();
            }
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated single quote");
                }
                word.append(line, i + 1, end);
                i = end + 1;
            } else if (c == '"') {
                i = doubleQuoted(line, i + 1, word);
            } else if (c == '\\') {
                if (i + 1 >= line.length()) {
                    throw new IllegalArgumentException("line continuation is not supported");
                }
                word.append(line.charAt(i + 1));
                i += 2;
            } else {
                word.append(c);
                i++;
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    /** Appends a double-quoted string's content (from {@code start}, after the quote); returns the index after it. */
    private static int doubleQuoted(String line, int start, StringBuilder word) {
        int i = start;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < line.length() && "$`\"\\".indexOf(line.charAt(i + 1)) >= 0) {
                word.append(line.charAt(i + 1));
                i += 2;
            } else {
                word.append(c);
                i++;
            }
        }
        throw new IllegalArgumentException("unterminated double quote");
    }
}
