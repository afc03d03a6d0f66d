package nl.iwa.hub.testkit.broker;

import java.nio.file.Path;
import java.util.List;

/**
 * What a secured broker needs: its keystore (broker certificate) and the truststore of the CA that issues
 * client certificates, one password for both (a throwaway per run), the port of the SCRAM listener, the
 * principal mapping rules made from partners.yaml, and the super users (the broker itself and the operator's
 * admin principal, named by their certificates' full subjects).
 */
public record BrokerSecurity(int scramPort, Path keystore, Path truststore, String storePassword,
                             String principalMappingRules, List<String> superUsers) {
}
