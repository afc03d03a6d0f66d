package nl.iwa.hub.connectors.rest;

/**
 * Why a REST request is refused, as an RFC 9457 problem: the status, a short title and a detail that names the
 * field at fault but never its value (a value may be a resident's BSN or name). Its message is the detail, so
 * logging it is as safe as answering it.
 */
public final class RequestRefused extends RuntimeException {

    private final int status;
    private final String title;
    private final Long retryAfterSeconds;

    public RequestRefused(int status, String title, String detail) {
        this(status, title, detail, null);
    }

    public RequestRefused(int status, String title, String detail, Long retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static RequestRefused invalid(String detail) {
        return new RequestRefused(422, "Unprocessable Content", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
