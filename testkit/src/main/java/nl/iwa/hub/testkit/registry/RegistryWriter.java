package nl.iwa.hub.testkit.registry;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The one account that may write to a secured registry (role {@code sr-admin}): the hub, which registers the
 * contract schemas and sets the compatibility rule. Everyone else reads anonymously. {@link #toString()} leaves
 * the password out, so that the record can be logged or shown in an assertion message without leaking it.
 */
public record RegistryWriter(String username, String password) {

    /** The hub's user name in the registry. */
    public static final String HUB_USERNAME = "iwa-hub";

    private static final SecureRandom RANDOM = new SecureRandom();

    public RegistryWriter {
        if (username == null || !username.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
            // the name becomes part of a configuration key of the registry: no dots, quotes or spaces
            throw new IllegalArgumentException("registry user name must be letters, digits, '-' or '_'");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("registry writer " + username + " needs a password");
        }
    }

    /** The hub's account with a fresh random password (per run of a test JVM, the local stack or the benchmark). */
    public static RegistryWriter generate() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return new RegistryWriter(HUB_USERNAME, Base64.getUrlEncoder().withoutPadding().encodeToString(b));
    }

    @Override
    public String toString() {
        return "RegistryWriter[username=" + username + ", password=***]";
    }
}
