package nl.iwa.hub.access;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import nl.iwa.hub.topics.Topics;
import nl.iwa.hub.partners.KafkaAuthentication;
import nl.iwa.hub.partners.KafkaIdentity;
import nl.iwa.hub.partners.Partner;
import nl.iwa.hub.policy.InvalidConfigurationException;
import nl.iwa.hub.policy.ReviewedConfigLoader;
import nl.iwa.hub.transport.KafkaConnection;
import nl.iwa.hub.provisioning.TopicProvisioner;
import org.apache.kafka.clients.admin.Admin;

/**
 * {@code java -jar iwa-hub.jar access export|apply ...}: the broker's ACLs and principal mapping rules, made from
 * the reviewed {@code partners.yaml}, so that what the tests prove is what is deployed. {@code export} prints them
 * as a kafka-acls script, Strimzi KafkaUser/KafkaTopic manifests or the mapping rules; {@code apply} makes a
 * broker's ACLs equal to them through the Admin API, as a cluster administrator.
 */
public final class AccessCommand {

    static final String USAGE = """
            usage: java -jar iwa-hub.jar access <export|apply> [options]
              export --format kafka-acls|strimzi|mapping-rules [--out FILE]
              apply  --bootstrap-server HOST:PORT --command-config ADMIN.properties [--keep-other-acls]
            options (defaults from the hub's environment, as the hub itself reads them):
              --config-dir DIR            partners.yaml and policies.yaml   (IWA_CONFIG_DIR, else ops/config)
              --prefix P                  topic prefix                       (IWA_TOPICS_PREFIX, else iwa)
              --hub-principal NAME        the hub's principal                (iwa-hub)
              --hub-group G               the intake's consumer group        (IWA_KAFKA_GROUP_ID, else iwa-hub)
              --hub-transactional-id T    prefix of the hubs' transactional ids (iwa-hub)
              --hub-oin OIN --hub-common-name CN   the hub's certificate; without them the hub uses SCRAM
              --cluster NAME              Strimzi cluster label              (iwa)
            apply removes every other ACL of the cluster (it is the hub's) unless --keep-other-acls.
            """;

    private AccessCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            Map<String, String> options = options(args);
            String command = args.length == 0 ? "" : args[0];
            Setup setup = Setup.from(options);
            switch (command) {
                case "export" -> export(setup, options, out);
                case "apply" -> apply(setup, options, out);
                default -> throw new UsageException(command.isEmpty() ? "no command" : "unknown command '" + command + "'");
            }
            return 0;
        } catch (UsageException e) {
            err.println("access: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (InvalidConfigurationException | IllegalArgumentException | IllegalStateException e) {
            err.println("access: " + e.getMessage());
            return 1;
        }
    }

    private static void export(Setup setup, Map<String, String> options, PrintStream out) {
        String format = required(options, "--format");
        String text = switch (format) {
            case "kafka-acls" -> KafkaAclsScript.render(setup.plan(), setup.mappingRules());
            case "strimzi" -> StrimziManifests.render(setup.plan(), setup.identities(),
                    TopicProvisioner.wantedTopics(setup.topics(), setup.config().partners(), setup.config().policies()),
                    options.getOrDefault("--cluster", "iwa"));
            case "mapping-rules" -> setup.mappingRules() + "\n";
            default -> throw new UsageException("--format must be kafka-acls, strimzi or mapping-rules");
        };
        String file = options.get("--out");
        if (file == null) {
            out.print(text);
            return;
        }
        try {
            Files.writeString(Path.of(file), text);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage());
        }
        out.println("wrote " + file + " (" + setup.plan().rules().size() + " ACLs for " + setup.plan().principals().size() + " principals)");
    }

    private static void apply(Setup setup, Map<String, String> options, PrintStream out) {
        KafkaConnection admin = KafkaConnection.load(required(options, "--bootstrap-server"),
                Path.of(required(options, "--command-config")), false);
        boolean keepOthers = options.containsKey("--keep-other-acls");
        try (Admin client = Admin.create(admin.properties())) {
            AclSync.Result r = AclSync.apply(client, setup.plan(), binding -> !keepOthers);
            out.println("ACLs applied: " + r.added() + " added, " + r.removed() + " removed, " + r.unchanged() + " unchanged");
        }
    }

    /** Everything the plan is made from. */
    record Setup(ReviewedConfigLoader.Loaded config, Topics topics, HubAccount hub) {

        static Setup from(Map<String, String> options) {
            Path dir = Path.of(options.getOrDefault("--config-dir", env("IWA_CONFIG_DIR", "ops/config")));
            ReviewedConfigLoader.Loaded config = new ReviewedConfigLoader().load(dir.resolve("partners.yaml"), dir.resolve("policies.yaml"));
            Topics topics = Topics.withPrefix(options.getOrDefault("--prefix", env("IWA_TOPICS_PREFIX", "iwa")));
            String oin = options.get("--hub-oin");
            String cn = options.get("--hub-common-name");
            if ((oin == null) != (cn == null)) {
                throw new UsageException("--hub-oin and --hub-common-name go together");
            }
            KafkaIdentity identity = oin == null ? KafkaIdentity.SCRAM : new KafkaIdentity(KafkaAuthentication.MTLS, oin, cn);
            HubAccount hub = new HubAccount(options.getOrDefault("--hub-principal", "iwa-hub"), identity,
                    options.getOrDefault("--hub-group", env("IWA_KAFKA_GROUP_ID", "iwa-hub")),
                    options.getOrDefault("--hub-transactional-id", "iwa-hub"));
            if (config.partners().find(hub.principal()).isPresent()) {
                throw new IllegalArgumentException("the hub's principal '" + hub.principal() + "' is also a partner id");
            }
            return new Setup(config, topics, hub);
        }

        AccessPlan plan() {
            return AccessPlan.of(config.partners(), topics, hub);
        }

        String mappingRules() {
            return PrincipalMappingRules.of(config.partners(), hub);
        }

        Map<String, KafkaIdentity> identities() {
            Map<String, KafkaIdentity> ids = new HashMap<>();
            config.partners().all().forEach((Partner p) -> ids.put(p.id(), p.kafka()));
            ids.put(hub.principal(), hub.identity());
            return ids;
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new UsageException("unexpected argument '" + a + "'");
            }
            if (a.equals("--keep-other-acls")) {
                options.put(a, "true");
            } else if (i + 1 < args.length) {
                options.put(a, args[++i]);
            } else {
                throw new UsageException(a + " needs a value");
            }
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String v = options.get(name);
        if (v == null || v.isBlank()) {
            throw new UsageException(name + " is required");
        }
        return v;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
