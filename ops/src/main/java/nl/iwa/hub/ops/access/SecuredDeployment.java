package nl.iwa.hub.ops.access;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.iwa.hub.testkit.broker.BrokerCredentials;
import nl.iwa.hub.testkit.broker.BrokerSecurity;
import nl.iwa.hub.testkit.broker.ClientSettings;
import nl.iwa.hub.testkit.broker.KafkaBroker;
import nl.iwa.hub.testkit.pki.PkiFiles;
import nl.iwa.hub.testkit.pki.ThrowawayCa;
import org.apache.kafka.clients.admin.Admin;

/**
 * The trust boundary of a run of the local stack or the benchmark, made the way an operator makes a real one:
 * a throwaway CA and one certificate per mutual-TLS partner (with its OIN and CN from partners.yaml), one SCRAM
 * credential per other partner, a certificate for the hub and one for the operator; the broker's principal
 * mapping rules and ACLs from the hub jar's own {@code access} command. Everything lives in {@code <runDir>/pki},
 * readable by its owner only, and is made anew at every start; nothing secret is committed.
 */
public final class SecuredDeployment {

    /** The hub's certificate identity in local runs (a synthetic OIN, like the demo partners'). */
    public static final String HUB_OIN = "99999999000000000999";
    public static final String HUB_COMMON_NAME = "iwa-hub";

    private final BrokerCredentials credentials;
    private final PartnerIdentities identities;
    private final HubAccessCommand access;
    private final Map<String, String> admin;
    private final Map<String, String> scramPasswords = new LinkedHashMap<>();

    private SecuredDeployment(BrokerCredentials credentials, PartnerIdentities identities, HubAccessCommand access) {
        this.credentials = credentials;
        this.identities = identities;
        this.access = access;
        this.admin = credentials.admin();
    }

    public static SecuredDeployment prepare(Path runDir, Path hubJar, Path configDir) {
        PartnerIdentities identities = PartnerIdentities.read(configDir.resolve("partners.yaml"));
        HubAccessCommand access = new HubAccessCommand(hubJar, List.of("--config-dir", configDir.toAbsolutePath().toString(),
                "--hub-oin", HUB_OIN, "--hub-common-name", HUB_COMMON_NAME));
        return new SecuredDeployment(BrokerCredentials.create(runDir.resolve("pki")), identities, access);
    }

    /** The broker's side, with the mapping rules the hub's command makes from partners.yaml. */
    public BrokerSecurity brokerSecurity(int scramPort) {
        return credentials.brokerSecurity(scramPort, access.mappingRules());
    }

    /** The operator's client settings (a super user). */
    public Map<String, String> admin() {
        return admin;
    }

    /**
     * Once the broker is up: the ACLs applied with the hub's command, and a SCRAM credential (random, per run) for
     * every partner without a certificate. Returns what the command said.
     */
    public String grant(KafkaBroker broker) {
        Path adminConfig = BrokerCredentials.writeProperties(credentials.dir().resolve("admin.properties"), admin);
        String applied = access.apply(broker.bootstrapServers(), adminConfig);
        try (Admin a = Admin.create(new ClientSettings(broker.bootstrapServers(), admin).properties())) {
            for (PartnerIdentities.Identity p : identities.all()) {
                if (!p.certificate()) {
                    String password = BrokerCredentials.randomSecret();
                    BrokerCredentials.upsertScramUser(a, p.id(), password);
                    scramPasswords.put(p.id(), password);
                }
            }
        }
        return applied;
    }

    /** The hub's certificate as a client properties file, for IWA_KAFKA_CLIENT_CONFIG. */
    public Path hubClientConfig() {
        Map<String, String> hub = credentials.certificate("iwa-hub", ThrowawayCa.partnerSubject(HUB_COMMON_NAME, "IWA Hub operator", HUB_OIN));
        return BrokerCredentials.writeProperties(credentials.dir().resolve("iwa-hub.properties"), hub);
    }

    /** Every partner's connection: its certificate on the mutual-TLS listener, or its SCRAM credential. Call after {@link #grant}. */
    public Map<String, ClientSettings> partners(KafkaBroker broker) {
        Map<String, ClientSettings> out = new LinkedHashMap<>();
        for (PartnerIdentities.Identity p : identities.all()) {
            if (p.certificate()) {
                out.put(p.id(), new ClientSettings(broker.bootstrapServers(), credentials.certificate(p.id(),
                        ThrowawayCa.partnerSubject(p.commonName(), p.displayName(), p.oin()))));
            } else {
                String password = scramPasswords.get(p.id());
                if (password == null) {
                    throw new IllegalStateException("no SCRAM credential for " + p.id() + ": grant first");
                }
                out.put(p.id(), new ClientSettings(broker.scramBootstrapServers(), credentials.scram(p.id(), password)));
            }
        }
        return out;
    }

    /**
     * A file that shows how to look at the broker as a partner would with kcat (the certificate and key files are
     * in the same folder), and that kcat without credentials is refused.
     */
    public Path writeKcatHelp(KafkaBroker broker) {
        Path dir = credentials.dir();
        StringBuilder s = new StringBuilder("# kcat against this run's broker (made per run; these credentials die with it)\n")
                .append("# without credentials the broker refuses the connection:\n")
                .append("kcat -b ").append(broker.bootstrapServers()).append(" -L\n\n");
        for (PartnerIdentities.Identity p : identities.all()) {
            if (p.certificate()) {
                s.append("# ").append(p.id()).append(" (mutual TLS, its certificate): read its inbox\n")
                        .append("kcat -b ").append(broker.bootstrapServers()).append(" -X security.protocol=ssl")
                        .append(" -X ssl.ca.location=").append(credentials.caPem())
                        .append(" -X ssl.certificate.location=").append(dir.resolve(p.id() + ".pem"))
                        .append(" -X ssl.key.location=").append(dir.resolve(p.id() + ".key"))
                        .append(" -C -t iwa.").append(p.id()).append(".inbox -e -f '%t %p %o %k\\n'\n\n");
            } else {
                s.append("# ").append(p.id()).append(" (SCRAM): read its inbox\n")
                        .append("kcat -b ").append(broker.scramBootstrapServers()).append(" -X security.protocol=sasl_ssl")
                        .append(" -X sasl.mechanisms=SCRAM-SHA-512 -X sasl.username=").append(p.id())
                        .append(" -X sasl.password=").append(scramPasswords.getOrDefault(p.id(), "?"))
                        .append(" -X ssl.ca.location=").append(credentials.caPem())
                        .append(" -C -t iwa.").append(p.id()).append(".inbox -e -f '%t %p %o %k\\n'\n\n");
            }
        }
        // it holds the SCRAM passwords of this run
        return PkiFiles.writeSecret(dir.resolve("kcat.txt"), s.toString());
    }
}
