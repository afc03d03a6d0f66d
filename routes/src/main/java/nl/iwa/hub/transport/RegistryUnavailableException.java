package nl.iwa.hub.transport;

/** The schema registry could not be reached; the record is retried later, never dead-lettered. */
public class RegistryUnavailableException extends RuntimeException {
    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
