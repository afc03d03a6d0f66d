package nl.iwa.hub.transport;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The schema registry's native API and the hub's account there: the hub alone registers schemas and sets the
 * compatibility rule; partners read anonymously. Without a user name the hub connects anonymously (a registry
 * open to writes, for development). The password comes from the environment (IWA_REGISTRY_PASSWORD).
 */
public record RegistryAccount(@DefaultValue("http://localhost:8081/apis/registry/v3") String url,
                       String username,
                       String password) {

    /** Whether the hub authenticates to the registry. */
    public boolean hasCredentials() {
        return username != null && !username.isBlank();
    }

    /** The value of an HTTP Basic {@code Authorization} header for the hub's registry account, if it has one. */
    public java.util.Optional<String> basicAuthorization() {
        if (!hasCredentials()) {
            return java.util.Optional.empty();
        }
        String pair = username + ":" + (password == null ? "" : password);
        return java.util.Optional.of("Basic " + java.util.Base64.getEncoder()
                .encodeToString(pair.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return "RegistryAccount[url=" + url + ", username=" + (hasCredentials() ? username : "(anonymous)")
                + (password == null || password.isEmpty() ? "" : ", password=***") + "]";
    }
}
