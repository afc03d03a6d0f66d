package nl.iwa.hub.connectors.inbox;

/** A pull or acknowledgement the hub does not carry out; the detail names what is wrong, never a value. */
public final class PullRefused extends RuntimeException {

    private final int status;

    PullRefused(int status, String detail) {
        super(detail);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
